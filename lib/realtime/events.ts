/**
 * The socket.io contract between browser and server. Every client payload has a
 * zod schema that the server parses before acting; the TypeScript types only help
 * the compiler.
 */
import { z } from 'zod';
import type { ClauseStatusDto, ConsensusDto, PositionDto, SilenceProcedureDto } from '../api/types';
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
  'revision:created': (payload: RevisionCreatedPayload) => void;
  'history:restored': (payload: HistoryRestoredPayload) => void;
}

export interface ClientToServerEvents {
  'draft:join': (payload: JoinDraftPayload, ack?: Ack<PresencePayload>) => void;
  'draft:leave': (payload: LeaveDraftPayload) => void;
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

/** History events, pushed to everyone in the draft's room. */
export interface HistoryEvents {
  'revision:created': RevisionCreatedPayload;
  'history:restored': HistoryRestoredPayload;
}
