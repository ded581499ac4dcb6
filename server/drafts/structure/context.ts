/**
 * What the clause-structure use cases share (add, rename, reorder, split, merge): the
 * dependencies, the secretariat check, clause lookups, renumbering, recording a change
 * (structure_changes row + audit, in one transaction) and announcing it live.
 */
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { ClauseSummary } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { StructureChangeDto, StructureChangeKind } from '@/lib/realtime/events';
import type { DraftRoom } from '../../collab/draft-room';
import type { RoomRegistry } from '../../collab/room-registry';
import type { Database } from '../../db/client';
import { clauses, structureChanges, yjsUpdates } from '../../db/schema';
import type { DraftEvents } from '../draft-events';
import type { DraftStore } from '../draft-store';
import { liveClauseOf } from './merged-clause';
import { renumberClauses } from './renumber';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type ClauseRow = typeof clauses.$inferSelect;

export interface StructurePublisher {
  publish(draftId: string, event: 'draft:structure', payload: { draftId: string; change: StructureChangeDto; clauses: ClauseSummary[] }): void;
}

export interface StructureServiceOptions {
  db: Database;
  drafts: DraftStore;
  registry: RoomRegistry;
  publisher: StructurePublisher;
  draftEvents: DraftEvents;
}

export const notFound = (message: string) => new AppError('not_found', { message });
export const conflict = (message: string) => new AppError('conflict', { message });
export const badRequest = (message: string, path?: string) => new AppError('bad_request', { message, ...(path ? { issues: [{ path, message }] } : {}) });

export function createStructureContext(options: StructureServiceOptions) {
  const { db, drafts, registry } = options;

  /** Only the secretariat changes a draft's structure (404 when the draft is invisible, 403 otherwise, 409 when closed). */
  async function requireSecretariat(identity: Identity, draftId: string): Promise<void> {
    await drafts.requireAccess(identity, draftId);
    if (identity.role !== 'secretariat') throw new AppError('forbidden', { message: 'Only the secretariat adds, renames, moves, splits or merges clauses.' });
    // A closed draft refuses every change (the same guard and message as every write route).
    await drafts.requireOpen(identity, draftId);
  }

  /** A live clause of the draft (404 when unknown, 409 when merged away). */
  const clauseOf = (draftId: string, clauseId: string, tx: Pick<Database, 'select'> = db): Promise<ClauseRow> => liveClauseOf(tx, draftId, clauseId);

  /** The draft's live clauses in order (merged-away ones left out). */
  function liveClauses(tx: Pick<Database, 'select'>, draftId: string): Promise<ClauseRow[]> {
    return tx
      .select()
      .from(clauses)
      .where(and(eq(clauses.draftId, draftId), isNull(clauses.mergedInto)))
      .orderBy(asc(clauses.ordinal));
  }

  /** Serialise structure changes of one draft (a row lock on every clause of it). */
  async function lockDraft(tx: Transaction, draftId: string): Promise<void> {
    await tx.select({ id: clauses.id }).from(clauses).where(eq(clauses.draftId, draftId)).for('update');
  }

  /** The newest update-log id of the draft (after the change's text edit was stored). */
  async function lastLogId(draftId: string): Promise<number> {
    const [row] = await db
      .select({ id: max(yjsUpdates.id) })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.draftId, draftId));
    return Number(row?.id ?? 0);
  }

  /** Record a change: a structure_changes row for the timeline and compare (the caller writes its audit entry, in the same transaction). */
  async function record(
    tx: Transaction,
    identity: Identity,
    draftId: string,
    change: { kind: StructureChangeKind; clauseId: string | null; details: Record<string, unknown>; logId: number },
  ): Promise<StructureChangeDto> {
    const at = new Date();
    await tx.insert(structureChanges).values({
      draftId,
      kind: change.kind,
      clauseId: change.clauseId,
      details: change.details,
      logId: change.logId,
      byUserId: identity.userId,
      byName: identity.name,
      at,
    });
    return { kind: change.kind, clauseId: change.clauseId, details: change.details, by: identity.name, at: at.toISOString() };
  }

  /** After a change: rooms re-read the clause list (write checks), everyone hears of it, consensus follows. */
  async function announce(draftId: string, change: StructureChangeDto, touched: string[]): Promise<ClauseSummary[]> {
    drafts.invalidateMembership(draftId);
    await registry.clausesChanged(draftId);
    const list = await drafts.unsafeClauses(draftId);
    options.publisher.publish(draftId, 'draft:structure', { draftId, change, clauses: list });
    if (touched.length > 0) await options.draftEvents.emit('clauses:changed', { draftId, clauseIds: touched, cause: 'annotations' });
    await drafts.unsafeTouch(draftId);
    return list;
  }

  /** Run `fn` with the draft's loaded room (loading it when nobody has it open). */
  async function withRoom<T>(draftId: string, fn: (room: DraftRoom) => T | Promise<T>): Promise<T> {
    const room = await registry.acquire(draftId);
    try {
      return await fn(room);
    } finally {
      registry.release(room);
    }
  }

  return { ...options, requireSecretariat, clauseOf, liveClauses, lockDraft, lastLogId, record, announce, withRoom, renumber: renumberClauses };
}

export type StructureContext = ReturnType<typeof createStructureContext>;

export function toSummary(row: ClauseRow): ClauseSummary {
  return { id: row.id, number: row.number, title: row.title, status: row.status as ClauseStatus };
}
