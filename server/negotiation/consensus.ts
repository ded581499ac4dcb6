/**
 * Consensus of clauses, computed from the positions, the participants and the clause
 * text (brackets, stale positions), and pushed live to the draft's room.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { ConsensusDto } from '@/lib/api/types';
import { computeConsensus, type StatedPosition } from '@/lib/consensus/compute-consensus';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import { clauses, positions } from '../db/schema';
import { nextTurn } from '../util/event-loop';
import { isCurrentHash, type ClauseStates } from './clause-states';
import type { NegotiationContext } from './context';

export function createConsensus(ctx: NegotiationContext) {
  const { db, clauseStates, publisher } = ctx;

  /**
   * Consensus of some (or all) clauses of a draft. `gentle` (the refresh after text edits,
   * in the background) reads one thing at a time with a turn of the event loop between
   * steps: run as one chain, the reads and text scans held the thread for 10-30 ms every
   * second of typing on the embedded database, and every edit arriving meanwhile waited.
   * `fresh` (decisions: agreeing, silence) first applies what other instances stored and
   * this one has not received yet, so that the decision reads every stored edit.
   */
  async function computeFor(draftId: string, clauseIds?: string[], { gentle = false, fresh = false } = {}): Promise<ConsensusDto[]> {
    if (fresh) await clauseStates.catchUp(draftId);
    const clauseRows = await db
      .select({ id: clauses.id })
      .from(clauses)
      .where(clauseIds ? and(eq(clauses.draftId, draftId), inArray(clauses.id, clauseIds)) : and(eq(clauses.draftId, draftId), isNull(clauses.mergedInto)))
      .orderBy(asc(clauses.ordinal));
    if (clauseRows.length === 0) return [];
    const ids = clauseRows.map((c) => c.id);
    const readPositions = () =>
      db
        .select()
        .from(positions)
        .where(and(eq(positions.draftId, draftId), inArray(positions.clauseId, ids)));
    let participants: DelegationCode[];
    let states: Awaited<ReturnType<ClauseStates['get']>>;
    let positionRows: Awaited<ReturnType<typeof readPositions>>;
    if (gentle) {
      await nextTurn();
      participants = await ctx.participantsOf(draftId);
      await nextTurn();
      states = await clauseStates.get(draftId, ids, { gentle });
      await nextTurn();
      positionRows = await readPositions();
    } else {
      [participants, states, positionRows] = await Promise.all([ctx.participantsOf(draftId), clauseStates.get(draftId, ids), readPositions()]);
    }
    return ids.map((clauseId) => {
      const state = states.get(clauseId)!;
      const stated = new Map<DelegationCode, StatedPosition>();
      for (const p of positionRows) {
        if (p.clauseId !== clauseId) continue;
        stated.set(p.delegationCode, {
          position: p.position as Position,
          reservation: (p.reservation as Reservation | null) ?? null,
          stale: !isCurrentHash(p.textHash, state),
        });
      }
      const result = computeConsensus({
        participants,
        positions: stated,
        openBrackets: state.openBrackets,
        recordedBrackets: state.recordedBrackets,
        openAlternatives: state.openAlternatives,
      });
      return { clauseId, ...result, textHash: state.hash, ...(state.legacyHash ? { legacyTextHash: state.legacyHash } : {}) };
    });
  }

  /** What clients last received per clause, to skip republishing unchanged consensus after text edits. */
  const lastPublished = new Map<string, string>();
  const fingerprint = (c: ConsensusDto) => JSON.stringify([c.state, c.objecting, c.missing, c.stale, c.adRef, c.reservations, c.openBrackets, c.brackets]);

  /**
   * Push the consensus of some clauses. After a text edit (`onlyIfChanged`) clauses whose
   * consensus did not change are left out: clients compare position hashes with the hash
   * they last received, which stays right until a position changes (and that publishes).
   */
  async function publishConsensus(draftId: string, clauseIds: string[], onlyIfChanged = false): Promise<void> {
    const computed = await computeFor(draftId, clauseIds, { gentle: onlyIfChanged });
    const consensus = onlyIfChanged ? computed.filter((c) => lastPublished.get(c.clauseId) !== fingerprint(c)) : computed;
    for (const c of consensus) lastPublished.set(c.clauseId, fingerprint(c));
    if (lastPublished.size > 50_000) lastPublished.clear();
    if (consensus.length > 0) publisher.publish(draftId, 'consensus:updated', { draftId, consensus });
  }

  /**
   * Clauses among these that have open brackets or open alternatives on the current text
   * (every stored edit counted, on any instance), described for messages, in clause order.
   */
  async function openDisputes(draftId: string, clauseIds: string[]): Promise<Array<{ clauseId: string; number: number; what: string; openBrackets: number }>> {
    const open = (await computeFor(draftId, clauseIds, { fresh: true })).filter((c) => c.openBrackets > 0);
    const numbers = await ctx.clauseNumbers(
      draftId,
      open.map((c) => c.clauseId),
    );
    return open.map((c) => ({ clauseId: c.clauseId, number: numbers.get(c.clauseId) ?? 0, what: describeOpenBrackets(c), openBrackets: c.openBrackets }));
  }

  return { computeFor, publishConsensus, openDisputes };
}

/** "clause 3 (1 open bracket (1 typed)), clause 7 (…)" */
export function listDisputes(open: Array<{ number: number; what: string }>): string {
  return open.map((o) => `clause ${o.number} (${o.what})`).join(', ');
}

export type ConsensusQueries = ReturnType<typeof createConsensus>;

/** "3 open brackets (1 typed, 1 recorded, 1 alternative)" for refusals that name what is still open. */
export function describeOpenBrackets(c: ConsensusDto): string {
  const n = c.openBrackets;
  const b = c.brackets;
  const parts = b
    ? [
        b.typed ? `${b.typed} typed` : '',
        b.recorded ? `${b.recorded} recorded` : '',
        b.alternatives ? `${b.alternatives} open alternative${b.alternatives === 1 ? '' : 's'}` : '',
      ].filter(Boolean)
    : [];
  return `${n} open bracket${n === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
