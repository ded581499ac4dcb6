/**
 * The socket.io contract between browser and server. Every client payload has a
 * zod schema that the server parses before acting; the TypeScript types only help
 * the compiler.
 */
import { z } from 'zod';
import type {
  AlternativeDto,
  BracketDto,
  ClauseStatusDto,
  ClauseSummary,
  ConsensusDto,
  DelegationSummary,
  MandateDto,
  PositionDto,
  SilenceProcedureDto,
} from '../api/types';
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
  'mandate:updated': (payload: MandateUpdatedPayload) => void;
  'bracket:updated': (payload: BracketUpdatedPayload) => void;
  'alternatives:updated': (payload: AlternativesUpdatedPayload) => void;
  'comment:created': (payload: CommentThreadPayload) => void;
  'comment:resolved': (payload: CommentThreadPayload) => void;
  'comment:reply': (payload: CommentReplyPayload) => void;
  'notification:new': (payload: NotificationPayload) => void;
  'revision:created': (payload: RevisionCreatedPayload) => void;
  'history:restored': (payload: HistoryRestoredPayload) => void;
  'history:changed': (payload: HistoryChangedPayload) => void;
  'draft:updated': (payload: DraftUpdatedPayload) => void;
  'draft:structure': (payload: DraftStructurePayload) => void;
  'clause:comment': (payload: ClauseCommentPayload) => void;
  'clause:replaced': (payload: ClauseReplacedPayload) => void;
}

export interface ClientToServerEvents {
  'draft:join': (payload: JoinDraftPayload, ack?: Ack<PresencePayload>) => void;
  'draft:leave': (payload: LeaveDraftPayload) => void;
  'notifications:subscribe': (payload: NotificationsSubscribePayload, ack?: Ack<{ delegation: string | null }>) => void;
}

/**
 * The secretariat changed the draft itself: title, description, delegations or state.
 * A room switches to read-only at once when `state` becomes `closed` (and back on reopening).
 */
export interface DraftUpdatedPayload {
  draftId: string;
  title: string;
  description: string;
  state: 'open' | 'closed';
  delegations: DelegationSummary[];
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
  /** Withdrawing or reinstating a clause changes the numbering. */
  'draft:structure': DraftStructurePayload;
  'mandate:updated': MandateUpdatedPayload;
}

/** A mandate was given or revoked. */
export interface MandateUpdatedPayload {
  draftId: string;
  mandate: MandateDto;
}

/** Events that carry brackets and alternatives, pushed to everyone in the draft's room. */
export interface AnnotationEvents {
  'bracket:updated': BracketUpdatedPayload;
  'alternatives:updated': AlternativesUpdatedPayload;
  'clause:replaced': ClauseReplacedPayload;
}

/**
 * The secretariat replaced the text of clauses (a restore, an adopted alternative): whoever
 * has one of them open is told, with a link to the comparison. The text itself arrives over Yjs.
 */
export interface ClauseReplacedPayload {
  draftId: string;
  clauseIds: string[];
  cause: 'restore' | 'adoption';
  /** What happened, e.g. `ALT 2 adopted` or `Rev.2 restored`. */
  summary: string;
  /** The secretariat officer's name. */
  by: string;
  /** Their user id: their own screen shows no notice of what they did. */
  byUserId: string;
  /** A history point just before the replacement (an ISO time): compare it with `now` to see the change. */
  before: string;
  at: string;
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
 * Receive `notification:new` addressed to oneself on this socket (the bell's socket; the
 * draft room's sockets do not need them): the server joins the socket to
 * `notify:<userId>` of the identity it established, never one the client names, so the
 * payload carries nothing.
 */
export const notificationsSubscribeSchema = z.object({}).strict();
export type NotificationsSubscribePayload = z.infer<typeof notificationsSubscribeSchema>;

/** socket.io room of the members of one team (a delegation or `#secretariat`) in one draft. */
export function teamRoom(draftId: string, team: string): string {
  return `team:${draftId}:${team}`;
}

/** socket.io room of one person's sockets that subscribed to notifications. */
export function notifyRoom(userId: string): string {
  return `notify:${userId}`;
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
  'clause:replaced': ClauseReplacedPayload;
}

// ---- Clause structure (area: drafts) ----

export type StructureChangeKind = 'added' | 'renamed' | 'moved' | 'split' | 'merged' | 'withdrawn' | 'reinstated';

/** One change of a draft's clause structure, as the timeline and `draft:structure` show it. */
export interface StructureChangeDto {
  kind: StructureChangeKind;
  /** The clause it is about: the one added, renamed, withdrawn…; the first half of a split; the clause merged into. */
  clauseId: string | null;
  /** Per kind: `title`, `from`/`to` (titles or statuses), `afterClauseId`, `secondId` (split), `mergedId` (merge), `order` (moved). */
  details: Record<string, unknown>;
  by: string;
  at: string;
}

/**
 * The clause structure of a draft changed (a clause added, renamed, moved, split, merged,
 * withdrawn or reinstated): `clauses` is the whole new list, in order, as
 * `GET /api/drafts/:id` gives it.
 */
export interface DraftStructurePayload {
  draftId: string;
  change: StructureChangeDto;
  clauses: ClauseSummary[];
}

/** The secretariat's comment on a clause (the four-column document's fifth column) changed. */
export interface ClauseCommentPayload {
  draftId: string;
  clauseId: string;
  /** The comment now; null when it was cleared. */
  comment: string | null;
  at: string;
  by: string;
}
