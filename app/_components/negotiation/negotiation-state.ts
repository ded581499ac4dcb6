/**
 * The negotiation state of one draft as the browser holds it: clause statuses,
 * positions, consensus and silence procedures, indexed for cheap lookups and updated
 * immutably so that React can skip every clause an event did not touch.
 *
 * Pure functions only (no React, no socket): the hook `useNegotiation` feeds them the
 * snapshot of `GET /api/drafts/:id/negotiation` and the socket.io events, and tests
 * call them directly.
 */
import type { ClauseStatusDto, ConsensusDto, MandateDto, PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import { mandateRefusal } from '@/lib/authz/mandates';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import type { NegotiationEvents } from '@/lib/realtime/events';

/** The body of `GET /api/drafts/:id/negotiation`. */
export interface NegotiationSnapshot {
  statuses: ClauseStatusDto[];
  positions: PositionDto[];
  consensus: ConsensusDto[];
  /** Newest first. */
  silence: SilenceProcedureDto[];
  /** Every mandate of the draft, newest first. */
  mandates?: MandateDto[];
}

/** The positions on one clause, by delegation. */
export type ClausePositions = ReadonlyMap<DelegationCode, PositionDto>;

export interface NegotiationData {
  /** By clause id. */
  statuses: ReadonlyMap<string, ClauseStatusDto>;
  /** By clause id, then delegation. A clause's inner map is replaced only when one of its positions changes. */
  positions: ReadonlyMap<string, ClausePositions>;
  /** By clause id. */
  consensus: ReadonlyMap<string, ConsensusDto>;
  /** Every procedure of the draft, newest first. */
  silence: readonly SilenceProcedureDto[];
  /** Every mandate of the draft (any state), newest first. */
  mandates: readonly MandateDto[];
}

/** One socket.io event that carries negotiation state, tagged with its name. */
export type NegotiationEvent = {
  [E in keyof NegotiationEvents]: { type: E; payload: NegotiationEvents[E] };
}[keyof NegotiationEvents];

/** A shared empty map, so that a clause without positions keeps the same identity across renders. */
export const NO_POSITIONS: ClausePositions = new Map();

function byStartedDesc(a: SilenceProcedureDto, b: SilenceProcedureDto): number {
  return b.startedAt.localeCompare(a.startedAt);
}

export function fromSnapshot(snapshot: NegotiationSnapshot): NegotiationData {
  const positions = new Map<string, Map<DelegationCode, PositionDto>>();
  for (const p of snapshot.positions) {
    let forClause = positions.get(p.clauseId);
    if (!forClause) positions.set(p.clauseId, (forClause = new Map()));
    forClause.set(p.delegation, p);
  }
  return {
    statuses: new Map(snapshot.statuses.map((s) => [s.clauseId, s])),
    positions,
    consensus: new Map(snapshot.consensus.map((c) => [c.clauseId, c])),
    silence: [...snapshot.silence].sort(byStartedDesc),
    mandates: snapshot.mandates ?? [],
  };
}

/** Merge one mandate (from `mandate:updated` or a POST/DELETE response), by id. */
export function applyMandate(data: NegotiationData, mandate: MandateDto): NegotiationData {
  const others = data.mandates.filter((m) => m.id !== mandate.id);
  return { ...data, mandates: [mandate, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
}

/**
 * The delegations `holder` may state positions for on `clauseId` now (active mandates
 * covering the clause), sorted. The server decides (lib/authz/mandates.ts); this only
 * chooses what to offer.
 */
export function mandatorsOf(data: Pick<NegotiationData, 'mandates'>, holder: DelegationCode | null, clauseId: string, now = Date.now()): DelegationCode[] {
  if (!holder) return [];
  const out = new Set<DelegationCode>();
  for (const m of data.mandates) {
    if (m.to !== holder || m.revokedAt || (m.until && Date.parse(m.until) <= now)) continue;
    if (m.clauseIds === null || m.clauseIds.includes(clauseId)) out.add(m.from);
  }
  return [...out].sort();
}

/**
 * Delegations for which `holder` may break silence in a procedure over `clauseIds`: a live
 * mandate that says so and covers every clause (the rule the server applies, lib/authz/mandates.ts).
 */
export function silenceMandators(
  mandates: readonly MandateDto[],
  holder: DelegationCode | null,
  clauseIds: readonly string[],
  now = new Date(),
): DelegationCode[] {
  if (!holder) return [];
  const froms = [...new Set(mandates.filter((m) => m.to === holder).map((m) => m.from))];
  const terms = mandates.map((m) => ({
    from: m.from,
    to: m.to,
    clauseIds: m.clauseIds,
    until: m.until ? new Date(m.until) : null,
    breakSilence: m.breakSilence,
    revokedAt: m.revokedAt ? new Date(m.revokedAt) : null,
  }));
  return froms.filter((from) => mandateRefusal(terms, holder, from, { kind: 'silence', clauseIds }, now) === null).sort();
}

/** Merge one position (from `position:updated` or a PUT response), by clause and delegation. */
export function applyPosition(data: NegotiationData, position: PositionDto): NegotiationData {
  const forClause = new Map(data.positions.get(position.clauseId) ?? NO_POSITIONS);
  forClause.set(position.delegation, position);
  const positions = new Map(data.positions);
  positions.set(position.clauseId, forClause);
  return { ...data, positions };
}

/** Merge one clause status (from `clause:status`), by clause. */
export function applyStatus(data: NegotiationData, status: ClauseStatusDto): NegotiationData {
  const statuses = new Map(data.statuses);
  statuses.set(status.clauseId, status);
  return { ...data, statuses };
}

/** Merge one silence procedure (from `silence:updated` or a POST response), by id. */
export function applySilence(data: NegotiationData, procedure: SilenceProcedureDto): NegotiationData {
  const others = data.silence.filter((p) => p.id !== procedure.id);
  return { ...data, silence: [...others, procedure].sort(byStartedDesc) };
}

/** Merge the consensus of the clauses that changed (from `consensus:updated`), by clause. */
export function applyConsensus(data: NegotiationData, changed: readonly ConsensusDto[]): NegotiationData {
  if (changed.length === 0) return data;
  const consensus = new Map(data.consensus);
  for (const c of changed) consensus.set(c.clauseId, c);
  return { ...data, consensus };
}

export function applyEvent(data: NegotiationData, event: NegotiationEvent): NegotiationData {
  switch (event.type) {
    case 'position:updated':
      return applyPosition(data, event.payload.position);
    case 'clause:status':
      return applyStatus(data, event.payload.clause);
    case 'silence:updated':
      return applySilence(data, event.payload.procedure);
    case 'consensus:updated':
      return applyConsensus(data, event.payload.consensus);
    case 'draft:structure':
      // The clause list itself is the room's (useClauseStructure); nothing negotiated changes here.
      return data;
    case 'mandate:updated':
      return applyMandate(data, event.payload.mandate);
  }
}

/**
 * Whether a position was given on earlier text. The server's `stale` flag is true as of
 * when the position was sent; the clause's current text hash (pushed with every
 * consensus change, text edits included) is the live answer.
 */
export function isStalePosition(position: PositionDto, consensus: ConsensusDto | undefined): boolean {
  return consensus ? position.textHash !== consensus.textHash && position.textHash !== consensus.legacyTextHash : position.stale;
}

/** Running procedures first (soonest deadline first), then ended ones, newest first. */
export function runningSilences(silence: readonly SilenceProcedureDto[]): SilenceProcedureDto[] {
  return silence.filter((p) => p.state === 'running').sort((a, b) => a.deadline.localeCompare(b.deadline));
}

/** Whether a delegation still holds up a clause without objecting: silent, on earlier text, ad ref or a pending reservation. */
export function isPendingOn(consensus: ConsensusDto | undefined, delegation: DelegationCode): boolean {
  if (!consensus) return false;
  return (
    consensus.missing.includes(delegation) ||
    consensus.adRef.includes(delegation) ||
    consensus.reservations.some((r) => r.delegation === delegation && r.reservation !== 'substantive')
  );
}
