/**
 * Positions, clause status and silence procedures: server-authoritative rows,
 * validated, authorised and audited here, then pushed live to the draft's room.
 * Every public method takes the caller's identity and enforces DESIGN.md's rules.
 */
import { and, asc, desc, eq, inArray, lte, max, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type {
  ClauseStatusDto,
  ConsensusDto,
  PositionChangeDto,
  PositionDto,
  SilenceProcedureDto,
} from '@/lib/api/types';
import { computeConsensus, type StatedPosition } from '@/lib/consensus/compute-consensus';
import type { Identity } from '@/lib/domain/identity';
import { canEnterSilence, canTransition, needsConsensus, allowedTransitions } from '@/lib/domain/status-workflow';
import {
  CLAUSE_STATUS_LABELS,
  type ClauseStatus,
  type DelegationCode,
  type Position,
  type Reservation,
  type SilenceState,
} from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { NegotiationEvents } from '@/lib/realtime/events';
import { writeAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import { clauses, positionHistory, positions, silenceProcedures, users, yjsUpdates } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import { nextTurn } from '../util/event-loop';
import type { ClauseStates } from './clause-states';

export interface NegotiationPublisher {
  publish<E extends keyof NegotiationEvents>(draftId: string, event: E, payload: NegotiationEvents[E]): void;
}

export interface PositionInput {
  position: Position;
  reservation?: Reservation;
  note?: string;
}

type ClauseRow = typeof clauses.$inferSelect;
type SilenceRow = typeof silenceProcedures.$inferSelect;

const forbidden = (message: string) => new AppError('forbidden', { message });
const notFound = (message: string) => new AppError('not_found', { message });
const conflict = (message: string) => new AppError('conflict', { message });

export interface NegotiationServiceOptions {
  db: Database;
  drafts: DraftStore;
  clauseStates: ClauseStates;
  publisher: NegotiationPublisher;
  logger: Logger;
  /** Called after clause statuses changed, so that live rooms lock or unlock their text. */
  onClauseStatusesChanged(draftId: string): Promise<void>;
  /** Called when a silence procedure starts, so that the scheduler can arm its deadline. */
  onSilenceScheduled?(deadline: Date): void;
}

export function createNegotiationService(options: NegotiationServiceOptions) {
  const { db, drafts, clauseStates, publisher } = options;

  async function clauseOf(draftId: string, clauseId: string): Promise<ClauseRow> {
    if (!/^[0-9a-f-]{36}$/i.test(clauseId)) throw notFound('No such clause in this draft.');
    const [row] = await db.select().from(clauses).where(and(eq(clauses.id, clauseId), eq(clauses.draftId, draftId))).limit(1);
    if (!row) throw notFound('No such clause in this draft.');
    return row;
  }

  async function participantsOf(draftId: string): Promise<DelegationCode[]> {
    const membership = await drafts.unsafeMembership(draftId);
    if (!membership) return [];
    return [...membership.delegations].filter(([, p]) => p === 'participant').map(([code]) => code);
  }

  async function userNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (unique.length === 0) return new Map();
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  function toPositionDto(row: typeof positions.$inferSelect, currentHash: string | undefined, names: Map<string, string>): PositionDto {
    return {
      clauseId: row.clauseId,
      delegation: row.delegationCode,
      position: row.position as Position,
      ...(row.reservation ? { reservation: row.reservation as Reservation } : {}),
      ...(row.note ? { note: row.note } : {}),
      stale: currentHash !== undefined && row.textHash !== currentHash,
      textHash: row.textHash,
      logId: row.logId,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: (row.updatedBy && names.get(row.updatedBy)) || 'unknown',
    };
  }

  function toSilenceDto(row: SilenceRow, names: Map<string, string>): SilenceProcedureDto {
    return {
      id: row.id,
      draftId: row.draftId,
      clauseIds: row.clauseIds,
      deadline: row.deadline.toISOString(),
      state: row.state as SilenceState,
      ...(row.note ? { note: row.note } : {}),
      startedAt: row.startedAt.toISOString(),
      startedBy: (row.startedBy && names.get(row.startedBy)) || 'Secretariat',
      ...(row.endedAt ? { endedAt: row.endedAt.toISOString() } : {}),
      ...(row.brokenByDelegation ? { brokenBy: row.brokenByDelegation } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
    };
  }

  /**
   * Consensus of some (or all) clauses of a draft. `gentle` (the refresh after text edits,
   * in the background) reads one thing at a time with a turn of the event loop between
   * steps: run as one chain, the reads and text scans held the thread for 10-30 ms every
   * second of typing on the embedded database, and every edit arriving meanwhile waited.
   */
  async function computeFor(draftId: string, clauseIds?: string[], { gentle = false } = {}): Promise<ConsensusDto[]> {
    const clauseRows = await db
      .select({ id: clauses.id })
      .from(clauses)
      .where(clauseIds ? and(eq(clauses.draftId, draftId), inArray(clauses.id, clauseIds)) : eq(clauses.draftId, draftId))
      .orderBy(asc(clauses.ordinal));
    if (clauseRows.length === 0) return [];
    const ids = clauseRows.map((c) => c.id);
    const readPositions = () => db.select().from(positions).where(and(eq(positions.draftId, draftId), inArray(positions.clauseId, ids)));
    let participants: DelegationCode[];
    let states: Awaited<ReturnType<ClauseStates['get']>>;
    let positionRows: Awaited<ReturnType<typeof readPositions>>;
    if (gentle) {
      await nextTurn();
      participants = await participantsOf(draftId);
      await nextTurn();
      states = await clauseStates.get(draftId, ids, { gentle });
      await nextTurn();
      positionRows = await readPositions();
    } else {
      [participants, states, positionRows] = await Promise.all([participantsOf(draftId), clauseStates.get(draftId, ids), readPositions()]);
    }
    return ids.map((clauseId) => {
      const state = states.get(clauseId)!;
      const stated = new Map<DelegationCode, StatedPosition>();
      for (const p of positionRows) {
        if (p.clauseId !== clauseId) continue;
        stated.set(p.delegationCode, {
          position: p.position as Position,
          reservation: (p.reservation as Reservation | null) ?? null,
          stale: p.textHash !== state.hash,
        });
      }
      const result = computeConsensus({
        participants,
        positions: stated,
        openBrackets: state.openBrackets,
        recordedBrackets: state.recordedBrackets,
        openAlternatives: state.openAlternatives,
      });
      return { clauseId, ...result, textHash: state.hash };
    });
  }

  async function publishStatuses(draftId: string, rows: ClauseRow[], names?: Map<string, string>): Promise<ClauseStatusDto[]> {
    const who = names ?? (await userNames(rows.map((r) => r.statusChangedBy)));
    const dtos = rows.map((r) => toStatusDto(r, who));
    for (const clause of dtos) publisher.publish(draftId, 'clause:status', { draftId, clause });
    await options.onClauseStatusesChanged(draftId);
    return dtos;
  }

  function toStatusDto(r: ClauseRow, names: Map<string, string>): ClauseStatusDto {
    return {
      clauseId: r.id,
      status: r.status as ClauseStatus,
      ...(r.statusNote ? { note: r.statusNote } : {}),
      ...(r.statusChangedAt ? { changedAt: r.statusChangedAt.toISOString() } : {}),
      ...(r.statusChangedBy ? { changedBy: names.get(r.statusChangedBy) ?? 'Secretariat' } : {}),
    };
  }

  async function loadSilence(draftId: string, silenceId: string): Promise<SilenceRow> {
    if (!/^[0-9a-f-]{36}$/i.test(silenceId)) throw notFound('No such silence procedure in this draft.');
    const [row] = await db
      .select()
      .from(silenceProcedures)
      .where(and(eq(silenceProcedures.id, silenceId), eq(silenceProcedures.draftId, draftId)))
      .limit(1);
    if (!row) throw notFound('No such silence procedure in this draft.');
    return row;
  }

  async function publishSilence(row: SilenceRow): Promise<SilenceProcedureDto> {
    const dto = toSilenceDto(row, await userNames([row.startedBy]));
    publisher.publish(row.draftId, 'silence:updated', { draftId: row.draftId, procedure: dto });
    return dto;
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
   * Set clause statuses inside a transaction and return the updated rows. Used by the
   * silence procedure paths, which move several clauses at once.
   */
  async function setStatuses(
    tx: Pick<Database, 'update'>,
    draftId: string,
    changes: Array<{ clauseId: string; status: ClauseStatus }>,
    actor: Identity | null,
    note: string | null,
    onlyIfStatus?: ClauseStatus,
  ): Promise<ClauseRow[]> {
    const out: ClauseRow[] = [];
    for (const change of changes) {
      const rows = await tx
        .update(clauses)
        .set({ status: change.status, statusNote: note, statusChangedAt: new Date(), statusChangedBy: actor?.userId ?? null })
        .where(
          and(
            eq(clauses.id, change.clauseId),
            eq(clauses.draftId, draftId),
            ...(onlyIfStatus ? [eq(clauses.status, onlyIfStatus)] : []),
          ),
        )
        .returning();
      out.push(...rows);
    }
    return out;
  }

  return {
    computeConsensus: computeFor,

    async listPositions(identity: Identity, draftId: string): Promise<PositionDto[]> {
      await drafts.requireAccess(identity, draftId);
      const rows = await db.select().from(positions).where(eq(positions.draftId, draftId));
      const ids = [...new Set(rows.map((r) => r.clauseId))];
      const [states, names] = await Promise.all([clauseStates.get(draftId, ids), userNames(rows.map((r) => r.updatedBy))]);
      return rows
        .map((r) => toPositionDto(r, states.get(r.clauseId)?.hash, names))
        .sort((a, b) => a.clauseId.localeCompare(b.clauseId) || a.delegation.localeCompare(b.delegation));
    },

    async setPosition(identity: Identity, draftId: string, clauseId: string, delegation: string, input: PositionInput): Promise<PositionDto> {
      const access = await drafts.requireAccess(identity, draftId);
      const clause = await clauseOf(draftId, clauseId);
      const membership = await drafts.unsafeMembership(draftId);
      const participation = membership?.delegations.get(delegation);
      if (!participation) throw notFound(`Delegation ${delegation} does not take part in this draft.`);
      if (identity.role === 'secretariat') throw forbidden('The secretariat records no positions: only a delegation states its own position.');
      if (identity.role !== 'delegate' || access !== 'write') throw forbidden('Observers cannot state positions.');
      if (identity.delegation !== delegation) {
        throw forbidden(`You can only state the position of your own delegation (${identity.delegation}), not ${delegation}.`);
      }
      if (participation !== 'participant') throw forbidden(`${delegation} follows this draft as an observer and states no positions.`);
      if (clause.status === 'withdrawn') throw conflict(`Clause ${clause.number} has been withdrawn; positions on it are closed.`);

      const [states, [{ lastLog }]] = await Promise.all([
        clauseStates.get(draftId, [clauseId]),
        db.select({ lastLog: max(yjsUpdates.id) }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId)),
      ]);
      const textHash = states.get(clauseId)!.hash;
      const reservation = input.position === 'reservation' ? input.reservation ?? null : null;
      const note = input.note?.trim() ? input.note.trim() : null;
      const now = new Date();

      const row = await db.transaction(async (tx) => {
        const [previous] = await tx
          .select()
          .from(positions)
          .where(and(eq(positions.clauseId, clauseId), eq(positions.delegationCode, delegation)))
          .for('update')
          .limit(1);
        const values = {
          draftId,
          clauseId,
          delegationCode: delegation,
          position: input.position,
          reservation,
          note,
          textHash,
          logId: Number(lastLog ?? 0),
          updatedAt: now,
          updatedBy: identity.userId,
        };
        const [stored] = await tx
          .insert(positions)
          .values(values)
          .onConflictDoUpdate({ target: [positions.clauseId, positions.delegationCode], set: values })
          .returning();
        await tx.insert(positionHistory).values({
          draftId,
          clauseId,
          delegationCode: delegation,
          fromPosition: previous?.position ?? null,
          fromReservation: previous?.reservation ?? null,
          toPosition: input.position,
          toReservation: reservation,
          note,
          textHash,
          at: now,
          byUserId: identity.userId,
          byName: identity.name,
        });
        await writeAudit(tx, {
          actor: identity,
          action: 'position.set',
          draftId,
          subject: `clause ${clause.number} / ${delegation}`,
          details: { clauseId, delegation, from: previous?.position ?? null, to: input.position, reservation, note },
        });
        return stored;
      });

      const dto = toPositionDto(row, textHash, new Map([[identity.userId, identity.name]]));
      publisher.publish(draftId, 'position:updated', { draftId, position: dto });
      await publishConsensus(draftId, [clauseId]);
      return dto;
    },

    async positionHistory(identity: Identity, draftId: string, clauseId: string): Promise<PositionChangeDto[]> {
      await drafts.requireAccess(identity, draftId);
      await clauseOf(draftId, clauseId);
      const rows = await db
        .select()
        .from(positionHistory)
        .where(and(eq(positionHistory.draftId, draftId), eq(positionHistory.clauseId, clauseId)))
        .orderBy(asc(positionHistory.id));
      return rows.map((r) => ({
        id: r.id,
        clauseId: r.clauseId,
        delegation: r.delegationCode,
        from: r.fromPosition
          ? { position: r.fromPosition as Position, ...(r.fromReservation ? { reservation: r.fromReservation as Reservation } : {}) }
          : null,
        to: { position: r.toPosition as Position, ...(r.toReservation ? { reservation: r.toReservation as Reservation } : {}) },
        ...(r.note ? { note: r.note } : {}),
        at: r.at.toISOString(),
        by: r.byName ?? 'unknown',
      }));
    },

    async consensus(identity: Identity, draftId: string): Promise<ConsensusDto[]> {
      await drafts.requireAccess(identity, draftId);
      return computeFor(draftId);
    },

    async clauseStatuses(identity: Identity, draftId: string): Promise<ClauseStatusDto[]> {
      await drafts.requireAccess(identity, draftId);
      const rows = await db.select().from(clauses).where(eq(clauses.draftId, draftId)).orderBy(asc(clauses.ordinal));
      const names = await userNames(rows.map((r) => r.statusChangedBy));
      return rows.map((r) => toStatusDto(r, names));
    },

    async setClauseStatus(identity: Identity, draftId: string, clauseId: string, input: { status: ClauseStatus; override?: string }): Promise<ClauseStatusDto> {
      await drafts.requireAccess(identity, draftId);
      const clause = await clauseOf(draftId, clauseId);
      if (identity.role !== 'secretariat') throw forbidden('Only the secretariat sets the status of a clause.');
      const from = clause.status as ClauseStatus;
      if (from === input.status) throw conflict(`Clause ${clause.number} is already ${CLAUSE_STATUS_LABELS[from].toLowerCase()}.`);
      if (from === 'silence') throw conflict(`Clause ${clause.number} is under a silence procedure: cancel the procedure to change its status.`);
      if (input.status === 'silence') throw new AppError('bad_request', { message: 'Start a silence procedure (POST /api/drafts/:id/silence) to put a clause under silence.' });
      if (!canTransition(from, input.status)) {
        const allowed = allowedTransitions(from).map((s) => s).join(', ');
        throw conflict(`A clause that is ${from} cannot become ${input.status}; from ${from} it can become: ${allowed}.`);
      }
      const override = input.override?.trim() || null;
      if (needsConsensus(input.status)) {
        const [consensus] = await computeFor(draftId, [clauseId]);
        if (consensus.state !== 'consensus' && !override) {
          const why = [
            consensus.objecting.length ? `objection from ${consensus.objecting.join(', ')}` : '',
            consensus.missing.length ? `no position (on the current text) from ${consensus.missing.join(', ')}` : '',
            consensus.adRef.length ? `ad referendum: ${consensus.adRef.join(', ')}` : '',
            consensus.reservations.length ? `reservations: ${consensus.reservations.map((r) => `${r.delegation} (${r.reservation})`).join(', ')}` : '',
            consensus.openBrackets ? describeOpenBrackets(consensus) : '',
          ].filter(Boolean);
          throw conflict(`Clause ${clause.number} has no consensus (${why.join('; ')}). Give an override reason to record agreement anyway.`);
        }
      }
      const rows = await db.transaction(async (tx) => {
        const updated = await setStatuses(tx, draftId, [{ clauseId, status: input.status }], identity, override, from);
        if (updated.length === 0) throw conflict(`Clause ${clause.number} changed status meanwhile; reload and try again.`);
        await writeAudit(tx, {
          actor: identity,
          action: 'clause.status',
          draftId,
          subject: `clause ${clause.number}`,
          details: { clauseId, from, to: input.status, override },
        });
        return updated;
      });
      const [dto] = await publishStatuses(draftId, rows, new Map([[identity.userId, identity.name]]));
      return dto;
    },

    async listSilence(identity: Identity, draftId: string): Promise<SilenceProcedureDto[]> {
      await drafts.requireAccess(identity, draftId);
      const rows = await db.select().from(silenceProcedures).where(eq(silenceProcedures.draftId, draftId)).orderBy(desc(silenceProcedures.startedAt));
      const names = await userNames(rows.map((r) => r.startedBy));
      return rows.map((r) => toSilenceDto(r, names));
    },

    async startSilence(identity: Identity, draftId: string, input: { clauseIds: string[]; deadline: Date; note?: string }): Promise<SilenceProcedureDto> {
      await drafts.requireAccess(identity, draftId);
      if (identity.role !== 'secretariat') throw forbidden('Only the secretariat starts a silence procedure.');
      if (input.deadline.getTime() <= Date.now()) throw new AppError('bad_request', { message: 'The deadline must be in the future.' });
      const ids = [...new Set(input.clauseIds)];
      const rows = await Promise.all(ids.map((id) => clauseOf(draftId, id)));
      for (const c of rows) {
        if (c.status === 'silence') throw conflict(`Clause ${c.number} is already under a silence procedure.`);
        if (!canEnterSilence(c.status as ClauseStatus)) throw conflict(`Clause ${c.number} is ${c.status} and cannot be put under silence.`);
      }
      const note = input.note?.trim() || null;
      const { procedure, updated } = await db.transaction(async (tx) => {
        const [procedure] = await tx
          .insert(silenceProcedures)
          .values({
            draftId,
            clauseIds: ids,
            previousStatuses: Object.fromEntries(rows.map((c) => [c.id, c.status])),
            deadline: input.deadline,
            note,
            startedBy: identity.userId,
          })
          .returning();
        const updated: ClauseRow[] = [];
        for (const c of rows) {
          updated.push(...(await setStatuses(tx, draftId, [{ clauseId: c.id, status: 'silence' }], identity, note, c.status as ClauseStatus)));
        }
        if (updated.length !== rows.length) throw conflict('A clause changed status meanwhile; reload and try again.');
        await writeAudit(tx, {
          actor: identity,
          action: 'silence.started',
          draftId,
          subject: `clauses ${rows.map((c) => c.number).join(', ')}`,
          details: { silenceId: procedure.id, clauseIds: ids, deadline: input.deadline.toISOString(), note },
        });
        return { procedure, updated };
      });
      await publishStatuses(draftId, updated);
      options.onSilenceScheduled?.(procedure.deadline);
      return publishSilence(procedure);
    },

    async breakSilence(identity: Identity, draftId: string, silenceId: string, input: { reason: string }): Promise<SilenceProcedureDto> {
      const access = await drafts.requireAccess(identity, draftId);
      const existing = await loadSilence(draftId, silenceId);
      if (identity.role === 'secretariat') throw forbidden('The secretariat does not break silence; it can cancel the procedure instead.');
      if (identity.role !== 'delegate' || access !== 'write' || !identity.delegation) {
        throw forbidden('Only a participating delegation can break silence.');
      }
      if (existing.state !== 'running') throw conflict(`This silence procedure has already ended (${existing.state}).`);
      const result = await db.transaction(async (tx) => {
        const [ended] = await tx
          .update(silenceProcedures)
          .set({ state: 'broken', endedAt: new Date(), endedBy: identity.userId, brokenByDelegation: identity.delegation, reason: input.reason.trim() })
          .where(and(eq(silenceProcedures.id, silenceId), eq(silenceProcedures.state, 'running'), sql`${silenceProcedures.deadline} > now()`))
          .returning();
        if (!ended) return null;
        const updated = await setStatuses(
          tx,
          draftId,
          ended.clauseIds.map((clauseId) => ({ clauseId, status: 'negotiating' as const })),
          identity,
          `Silence broken by ${identity.delegation}: ${input.reason.trim()}`,
          'silence',
        );
        await writeAudit(tx, {
          actor: identity,
          action: 'silence.broken',
          draftId,
          subject: `silence ${silenceId}`,
          details: { silenceId, delegation: identity.delegation, reason: input.reason.trim() },
        });
        return { ended, updated };
      });
      if (!result) throw conflict('The deadline has passed: this silence procedure can no longer be broken.');
      await publishStatuses(draftId, result.updated);
      return publishSilence(result.ended);
    },

    async cancelSilence(identity: Identity, draftId: string, silenceId: string, input: { reason: string }): Promise<SilenceProcedureDto> {
      await drafts.requireAccess(identity, draftId);
      await loadSilence(draftId, silenceId);
      if (identity.role !== 'secretariat') throw forbidden('Only the secretariat cancels a silence procedure.');
      const result = await db.transaction(async (tx) => {
        const [ended] = await tx
          .update(silenceProcedures)
          .set({ state: 'cancelled', endedAt: new Date(), endedBy: identity.userId, reason: input.reason.trim() })
          .where(and(eq(silenceProcedures.id, silenceId), eq(silenceProcedures.state, 'running')))
          .returning();
        if (!ended) return null;
        const updated: ClauseRow[] = [];
        for (const clauseId of ended.clauseIds) {
          const previous = (ended.previousStatuses[clauseId] ?? 'negotiating') as ClauseStatus;
          updated.push(...(await setStatuses(tx, draftId, [{ clauseId, status: previous }], identity, `Silence cancelled: ${input.reason.trim()}`, 'silence')));
        }
        await writeAudit(tx, { actor: identity, action: 'silence.cancelled', draftId, subject: `silence ${silenceId}`, details: { silenceId, reason: input.reason.trim() } });
        return { ended, updated };
      });
      if (!result) throw conflict('This silence procedure has already ended.');
      await publishStatuses(draftId, result.updated);
      return publishSilence(result.ended);
    },

    /**
     * Conclude every silence procedure whose deadline has passed: its clauses become
     * agreed. The conditional update makes each procedure complete exactly once, even
     * with several instances racing, and also for deadlines missed while down.
     */
    async completeDueSilences(now = new Date()): Promise<number> {
      const due = await db
        .select({ id: silenceProcedures.id })
        .from(silenceProcedures)
        .where(and(eq(silenceProcedures.state, 'running'), lte(silenceProcedures.deadline, now)));
      let completed = 0;
      for (const { id } of due) {
        const result = await db.transaction(async (tx) => {
          const [ended] = await tx
            .update(silenceProcedures)
            .set({ state: 'completed', endedAt: new Date() })
            .where(and(eq(silenceProcedures.id, id), eq(silenceProcedures.state, 'running'), lte(silenceProcedures.deadline, now)))
            .returning();
          if (!ended) return null;
          const updated = await setStatuses(
            tx,
            ended.draftId,
            ended.clauseIds.map((clauseId) => ({ clauseId, status: 'agreed' as const })),
            null,
            'Agreed under silence procedure: nobody broke silence before the deadline.',
            'silence',
          );
          await writeAudit(tx, {
            actor: null,
            action: 'silence.completed',
            draftId: ended.draftId,
            subject: `silence ${id}`,
            details: { silenceId: id, clauseIds: ended.clauseIds, deadline: ended.deadline.toISOString() },
          });
          return { ended, updated };
        });
        if (!result) continue;
        completed += 1;
        options.logger.info({ silenceId: id, draftId: result.ended.draftId }, 'silence procedure completed: clauses agreed');
        await publishStatuses(result.ended.draftId, result.updated);
        await publishSilence(result.ended);
      }
      return completed;
    },

    /** The earliest deadline of a running procedure, for the scheduler. */
    async nextDeadline(): Promise<Date | null> {
      const [row] = await db
        .select({ deadline: silenceProcedures.deadline })
        .from(silenceProcedures)
        .where(eq(silenceProcedures.state, 'running'))
        .orderBy(asc(silenceProcedures.deadline))
        .limit(1);
      return row?.deadline ?? null;
    },

    publishConsensus,
  };
}

/** "3 open brackets (1 typed, 1 recorded, 1 alternative)" for the agree-without-consensus refusal. */
function describeOpenBrackets(c: ConsensusDto): string {
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

export type NegotiationService = ReturnType<typeof createNegotiationService>;
