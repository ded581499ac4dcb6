/**
 * JSON shapes of the HTTP API (see docs/api.md). Route handlers return exactly
 * these; pages and scripts read them.
 */
import type { ClauseStatus, DelegationCode, Participation, Position, Reservation, Role, SilenceState } from '../domain/vocabulary';

export interface DraftSummary {
  id: string;
  title: string;
  description: string;
  clauseCount: number;
  /** Clauses agreed (not counting withdrawn ones): progress is agreedCount / clauseCount. */
  agreedCount: number;
  delegationCount: number;
  updatedAt: string;
  /** `closed`: the text was adopted; everything is read-only until the secretariat reopens it. */
  state: 'open' | 'closed';
  /** What the caller may do with the draft. */
  access: 'read' | 'write';
}

export interface ClauseSummary {
  id: string;
  /** Follows the order of the clauses that are not withdrawn; null while withdrawn. */
  number: number | null;
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
  /** `closed`: read-only for everyone (writes answer 409) until the secretariat reopens it. */
  state: 'open' | 'closed';
  access: 'read' | 'write';
  clauses: ClauseSummary[];
  delegations: DelegationSummary[];
}

/** A delegation Accord knows (GET/POST /api/delegations). */
export interface DelegationDto {
  code: DelegationCode;
  name: string;
  color: string;
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

/** A position as stated by a delegation: the body of the position PUT (lib/requests/position.ts). */
export type { PositionInput } from '@/lib/requests/position';

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
  /** The delegation that stated it under a mandate: shown as "PL for HU". */
  statedBy?: DelegationCode;
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
  /** The delegation that stated it under a mandate ("PL for HU"). */
  statedBy?: DelegationCode;
  /** `confirmed`: the same position confirmed on the current text (one of "confirm all"). */
  kind?: 'confirmed';
}

/** A mandate: `from` authorises `to` to state its positions (`GET /api/drafts/:id/mandates`). */
export interface MandateDto {
  id: string;
  draftId: string;
  from: DelegationCode;
  to: DelegationCode;
  /** null: every clause. */
  clauseIds: string[] | null;
  until: string | null;
  breakSilence: boolean;
  note?: string;
  byLetter: boolean;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
  /** `active`, `expired` (past `until`) or `revoked`. */
  state: 'active' | 'expired' | 'revoked';
}

/** `POST …/clauses/:clauseId/editorial`: the secretariat marked the clause's edits editorial. */
export interface EditorialMarkDto {
  clauseId: string;
  note?: string;
  at: string;
  /** The delegations whose positions given on earlier text were re-based on the current text. */
  rebased: DelegationCode[];
  /** Those positions, now current. */
  positions: PositionDto[];
}

/** One position confirmed by "confirm all my positions on the current text". */
export interface ConfirmedPositionDto {
  clauseId: string;
  number: number;
  position: PositionDto;
  /** The update-log id the position had been given on: what changed since is `compare?from=log:<previousLogId>&to=now`. */
  previousLogId: number;
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
  /** What `openBrackets` is made of (always sent by the server). */
  brackets?: BracketBreakdownDto;
  /** Hash of the clause's current words; positions with another hash are stale. */
  textHash: string;
  /** The same text hashed as before the words rule: positions stored with it are current too. */
  legacyTextHash?: string;
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
  /** Who broke silence, and why (state `broken`); or why it was cancelled or interrupted. */
  brokenBy?: DelegationCode;
  reason?: string;
  /** Why the secretariat started silence although the clauses had open brackets or alternatives. */
  override?: string;
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
  /** Who it was, as the record names people everywhere (lib/ui/people.ts actorLabel); null when Accord did it itself. */
  actor: { name: string; role: Role; delegation: string | null } | null;
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

/** A span of clause text as it is now: plain-text offsets (blocks joined by newlines) and the words. */
export interface CurrentSpanDto {
  from: number;
  to: number;
  text: string;
}

/** Yjs relative positions (base64 of `Y.encodeRelativePosition`) of a span's start and end. */
export interface AnchorDto {
  start: string;
  end: string;
}

/** What a clause's open brackets are made of (see docs/design.md, "Brackets and alternatives"). */
export interface BracketBreakdownDto {
  /** `[…]` and `ALT n` typed in the text. */
  typed: number;
  /** Recorded brackets still on the text and not inside typed ones. */
  recorded: number;
  /** Open alternative wordings. */
  alternatives: number;
}

/** A bracket recorded on a clause's text (`GET /api/drafts/:id/brackets`). */
export interface BracketDto {
  id: string;
  draftId: string;
  clauseId: string;
  anchor: AnchorDto;
  /** The words as they were when bracketed. */
  quote: string;
  /** Where the bracket is in the text now; null when its words were deleted (detached). */
  current: CurrentSpanDto | null;
  /** The proposing delegation; null for the secretariat. */
  delegation: DelegationCode | null;
  proposedBy: string;
  proposedAt: string;
  /** removed: by its proposer or the secretariat; resolved: an adopted alternative replaced its words. */
  state: 'open' | 'removed' | 'resolved';
  /** When it was removed or resolved. */
  removedAt?: string;
  /** Who removed it, or adopted the alternative that resolved it. */
  removedBy?: string;
  /** The delegation that removed it; absent when the secretariat did. */
  removedByDelegation?: DelegationCode;
  /** For a resolved bracket, how: "Resolved by adoption of ALT 2." */
  resolution?: string;
}

export type AlternativeState = 'open' | 'withdrawn' | 'adopted' | 'archived';

/** An alternative wording for a clause or a span of it (`GET /api/drafts/:id/alternatives`). */
export interface AlternativeDto {
  id: string;
  draftId: string;
  clauseId: string;
  /** Alternatives for the same words share a group; a delegation backs at most one per group. */
  groupId: string;
  /** 2, 3, …: shown as `ALT n` (`ALT 1` is the current text). */
  number: number;
  scope: 'clause' | 'span';
  anchor?: AnchorDto;
  /** The wording it would replace, as it was when proposed. */
  quote: string;
  /** For a span: where those words are now; null when they were deleted. Absent for a whole clause. */
  current?: CurrentSpanDto | null;
  /** The proposed wording. */
  body: string;
  note?: string;
  delegation: DelegationCode | null;
  proposedBy: string;
  proposedAt: string;
  state: AlternativeState;
  /** Delegations backing it, in code order. */
  backers: DelegationCode[];
  decidedAt?: string;
  decidedBy?: string;
  decisionNote?: string;
  /** For an adopted alternative: the wording it replaced. */
  replacedText?: string;
}

/** The answer to adopting an alternative. */
export interface AdoptionDto {
  adopted: AlternativeDto;
  /** The other alternatives for the same words, now archived. */
  archived: AlternativeDto[];
  /** Open recorded brackets whose words the adoption replaced, now resolved. */
  resolvedBrackets: BracketDto[];
}
