/**
 * JSON shapes of the HTTP API (see README "HTTP API"). Route handlers return exactly
 * these; pages and scripts read them.
 */
import type { ClauseStatus, DelegationCode, Participation, Position, Reservation, Role, SilenceState } from '../domain/vocabulary';

export interface DraftSummary {
  id: string;
  title: string;
  description: string;
  clauseCount: number;
  delegationCount: number;
  updatedAt: string;
  /** What the caller may do with the draft. */
  access: 'read' | 'write';
}

export interface ClauseSummary {
  id: string;
  number: number;
  title: string;
  status: ClauseStatus;
}

export interface DelegationSummary {
  code: DelegationCode;
  name: string;
  participation: Participation;
  color: string;
}

export interface DraftDetail {
  id: string;
  title: string;
  description: string;
  updatedAt: string;
  access: 'read' | 'write';
  clauses: ClauseSummary[];
  delegations: DelegationSummary[];
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  delegation: DelegationCode | null;
  color: string;
}

export interface CollabToken {
  token: string;
  expiresAt: string;
}

/** A delegation's current position on a clause (`GET /api/drafts/:id/positions`). */
export interface PositionDto {
  clauseId: string;
  delegation: DelegationCode;
  position: Position;
  reservation?: Reservation;
  note?: string;
  /** Given on earlier text: the clause changed since and the delegation has not confirmed. */
  stale: boolean;
  /** Hash of the clause text the position was given on. */
  textHash: string;
  /** Update-log id of the draft when the position was given (for "compare with then"). */
  logId: number;
  updatedAt: string;
  /** Name of the person who set it. */
  updatedBy: string;
}

export interface PositionChangeDto {
  id: number;
  clauseId: string;
  delegation: DelegationCode;
  from: { position: Position; reservation?: Reservation } | null;
  to: { position: Position; reservation?: Reservation };
  note?: string;
  at: string;
  by: string;
}

export interface ConsensusDto {
  clauseId: string;
  state: 'consensus' | 'pending' | 'blocked';
  objecting: DelegationCode[];
  missing: DelegationCode[];
  stale: DelegationCode[];
  adRef: DelegationCode[];
  reservations: Array<{ delegation: DelegationCode; reservation: Reservation }>;
  openBrackets: number;
  /** Hash of the clause's current text; positions with another hash are stale. */
  textHash: string;
}

export interface ClauseStatusDto {
  clauseId: string;
  status: ClauseStatus;
  note?: string;
  changedAt?: string;
  changedBy?: string;
}

export interface SilenceProcedureDto {
  id: string;
  draftId: string;
  clauseIds: string[];
  deadline: string;
  state: SilenceState;
  note?: string;
  startedAt: string;
  startedBy: string;
  endedAt?: string;
  /** Who broke silence, and why (state `broken`); or why it was cancelled. */
  brokenBy?: DelegationCode;
  reason?: string;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  delegation: DelegationCode | null;
  disabled: boolean;
  createdAt: string;
}

export interface AuditEntryDto {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  draftId: string | null;
  subject: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntryDto[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: number | null;
}
