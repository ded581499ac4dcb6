/**
 * Clause order and numbers: ordinals are 1..n over the live clauses in their order;
 * numbers follow that order over the clauses that are not withdrawn (a withdrawn
 * clause has none). Called inside the transaction of every change of structure and of
 * every withdrawal or reinstatement.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { clauses } from '../../db/schema';

type Tx = Pick<Database, 'select' | 'update'>;

/**
 * Give the live clauses of a draft ordinals and numbers, in the order `orderedIds` says
 * (every live clause id once), or in their current order when it is omitted.
 */
export async function renumberClauses(tx: Tx, draftId: string, orderedIds?: readonly string[]): Promise<void> {
  const rows = await tx
    .select({ id: clauses.id, ordinal: clauses.ordinal, number: clauses.number, status: clauses.status })
    .from(clauses)
    .where(and(eq(clauses.draftId, draftId), isNull(clauses.mergedInto)))
    .orderBy(asc(clauses.ordinal));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const order = orderedIds ? orderedIds.map((id) => byId.get(id)!) : rows;
  let number = 0;
  for (const [i, row] of order.entries()) {
    const nextNumber = row.status === 'withdrawn' ? null : ++number;
    const ordinal = i + 1;
    if (row.ordinal === ordinal && row.number === nextNumber) continue;
    await tx.update(clauses).set({ ordinal, number: nextNumber }).where(eq(clauses.id, row.id));
  }
}
