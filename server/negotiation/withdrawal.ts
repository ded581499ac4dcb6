/**
 * Withdrawing a clause (status `withdrawn`: its text is kept, it leaves consensus and
 * numbering) and reinstating it: the status it had is remembered, the clauses are
 * renumbered, and the change is listed with the draft's structure changes.
 */
import { eq, max } from 'drizzle-orm';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import type { StructureChangeDto } from '@/lib/realtime/events';
import type { Database } from '../db/client';
import { clauses, structureChanges, yjsUpdates } from '../db/schema';
import { renumberClauses } from '../drafts/structure/renumber';
import type { ClauseRow } from './context';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Inside the status change's transaction: null when the change neither withdraws nor reinstates. */
export async function recordWithdrawal(
  tx: Transaction,
  identity: Identity,
  draftId: string,
  clause: ClauseRow,
  from: ClauseStatus,
  to: ClauseStatus,
): Promise<StructureChangeDto | null> {
  const kind = to === 'withdrawn' ? 'withdrawn' : from === 'withdrawn' ? 'reinstated' : null;
  if (!kind) return null;
  await tx
    .update(clauses)
    .set({ withdrawnFrom: kind === 'withdrawn' ? from : null })
    .where(eq(clauses.id, clause.id));
  await renumberClauses(tx, draftId);
  const [last] = await tx
    .select({ id: max(yjsUpdates.id) })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.draftId, draftId));
  const at = new Date();
  const details = { from, to, title: clause.title, number: clause.number };
  await tx
    .insert(structureChanges)
    .values({ draftId, kind, clauseId: clause.id, details, logId: Number(last?.id ?? 0), byUserId: identity.userId, byName: identity.name, at });
  return { kind, clauseId: clause.id, details, by: identity.name, at: at.toISOString() };
}
