/**
 * The socket.io contract between browser and server. Every client payload has a
 * zod schema that the server parses before acting; the TypeScript types only help
 * the compiler.
 */
import { z } from 'zod';
import type { AlternativeDto, BracketDto, ClauseStatusDto, ConsensusDto, PositionDto, SilenceProcedureDto } from '../api/types';
import type { CommentReplyDto, CommentThreadDto, NotificationDto } from '../api/comment-types';
import type { RestoreResultDto, RevisionDto } from '../history/types';
import type { PresenceUser } from '../domain/identity';
import type { ErrorCode } from '../errors/app-error';

export const joinDraftSchema = z.object({ draftId: z.string().uuid() });
export type JoinDraftPayload = z.infer<typeof joinDraftSchema>;

export const leaveDraftSchema = joinDraftSchema;
export type LeaveDraftPayload = z.infer<typeof leaveDraftSchema>;

export interface PresencePayload {
  draftId: string;
  /** Everyone with the draft open right now, one entry per person, sorted by delegation then name. */
  users: PresenceUser[];
}

export interface RealtimeErrorPayload {
  code: ErrorCode;
  message: string;
  /** The event that was refused, when the error answers one. */
  event?: string;
}

export type Ack<T> = (result: { ok: true; data: T } | { ok: false; error: RealtimeErrorPayload }) => void;

export interface ServerToClientEvents {
  presence: (payload: PresencePayload) => void;
  error: (payload: RealtimeErrorPayload) => void;
  'position:updated': (payload: PositionUpdatedPayload) => void;
  'clause:status': (payload: ClauseStatusPayload) => void;
  'silence:updated': (payload: SilenceUpdatedPayload) => void;
  'consensus:updated': (payload: ConsensusUpdatedPayload) => void;
  'bracket:updated': (payload: BracketUpdatedPayload) => void;
  'alternatives:updated': (payload: AlternativesUpdatedPayload) => void;
  'comment:created': (payload: CommentThreadPayload) => void;
  'comment:resolved': (payload: CommentThreadPayload) => void;
  'comment:reply': (payload: CommentReplyPayload) => void;
  'notification:new': (payload: NotificationPayload) => void;
  'revision:created': (payload: RevisionCreatedPayload) => void;
  'history:restored': (payload: HistoryRestoredPayload) => void;
  'history:changed': (payload: HistoryChangedPayload) => void;
}

export interface ClientToServerEvents {
  'draft:join': (payload: JoinDraftPayload, ack?: Ack<PresencePayload>) => void;
  'draft:leave': (payload: LeaveDraftPayload) => void;
  'notifications:subscribe': (payload: NotificationsSubscribePayload, ack?: Ack<{ delegation: string | null }>) => void;
}

/** socket.io room name for a draft. */
export function draftRoom(draftId: string): string {
  return `draft:${draftId}`;
}

export interface PositionUpdatedPayload {
  draftId: string;
  position: PositionDto;
}

export interface ClauseStatusPayload {
  draftId: string;
  clause: ClauseStatusDto;
}

export interface SilenceUpdatedPayload {
  draftId: string;
  procedure: SilenceProcedureDto;
}

export interface ConsensusUpdatedPayload {
  draftId: string;
  /** Consensus of the clauses that changed (not necessarily all clauses). */
  consensus: ConsensusDto[];
}

/** Events that carry negotiation state, pushed to everyone in the draft's room. */
export interface NegotiationEvents {
  'position:updated': PositionUpdatedPayload;
  'clause:status': ClauseStatusPayload;
  'silence:updated': SilenceUpdatedPayload;
  'consensus:updated': ConsensusUpdatedPayload;
}

/** Events that carry brackets and alternatives, pushed to everyone in the draft's room. */
export interface AnnotationEvents {
  'bracket:updated': BracketUpdatedPayload;
  'alternatives:updated': AlternativesUpdatedPayload;
}

/** A bracket was recorded or removed. */
export interface BracketUpdatedPayload {
  draftId: string;
  bracket: BracketDto;
}

/** Alternatives changed: proposed, backed, withdrawn, adopted or archived (every one whose state or backers changed). */
export interface AlternativesUpdatedPayload {
  draftId: string;
  alternatives: AlternativeDto[];
}

// ---- Comments and notifications (area: comments) ----
// Internal notes (visibility `delegation`) are emitted only to their team's room
// (`teamRoom`), public threads to the draft's room; notifications to `notifyRoom`.

/** A thread was created, or resolved / reopened (`thread.state` says which). */
export interface CommentThreadPayload {
  draftId: string;
  thread: CommentThreadDto;
}

export interface CommentReplyPayload {
  draftId: string;
  clauseId: string;
  threadId: string;
  reply: CommentReplyDto;
  /** The thread's new `updatedAt`. */
  updatedAt: string;
}

export interface NotificationPayload {
  notification: NotificationDto;
}

/**
 * Receive `notification:new` for one's own delegation on this socket (the bell's socket;
 * the draft room's sockets do not need them). The delegation is the server's identity's,
 * never the client's: the payload carries nothing.
 */
export const notificationsSubscribeSchema = z.object({}).strict();
export type NotificationsSubscribePayload = z.infer<typeof notificationsSubscribeSchema>;

/** socket.io room of the members of one team (a delegation or `#secretariat`) in one draft. */
export function teamRoom(draftId: string, team: string): string {
  return `team:${draftId}:${team}`;
}

/** socket.io room of every connected member of a delegation, for notifications. */
export function notifyRoom(delegation: string): string {
  return `notify:${delegation}`;
}

/** Events that carry comments, pushed to the draft's room or to a team's room. */
export interface CommentEvents {
  'comment:created': CommentThreadPayload;
  'comment:resolved': CommentThreadPayload;
  'comment:reply': CommentReplyPayload;
}

/** The secretariat cut a numbered revision. */
export interface RevisionCreatedPayload {
  draftId: string;
  revision: RevisionDto;
}

/** The secretariat restored text of an earlier point (the text itself arrives over Yjs). */
export interface HistoryRestoredPayload {
  draftId: string;
  by: string;
  result: RestoreResultDto;
}

/**
 * New edits of the draft are in the history index (a moment after they were made: the
 * index follows the update log off the hot path). Light on purpose: history views
 * fetch what they show when they want it.
 */
export interface HistoryChangedPayload {
  draftId: string;
  /** The newest indexed update-log id of the draft: history read now includes every edit up to it. */
  upToId: number;
}

/** History events, pushed to everyone in the draft's room. */
export interface HistoryEvents {
  'revision:created': RevisionCreatedPayload;
  'history:restored': HistoryRestoredPayload;
  'history:changed': HistoryChangedPayload;
}
