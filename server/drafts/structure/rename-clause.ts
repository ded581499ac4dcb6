/** The secretariat renames a clause. */
import { eq } from 'drizzle-orm';
import type { ClauseSummary } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../../audit/audit-log';
import { clauses } from '../../db/schema';
import { conflict, toSummary, type StructureContext } from './context';

export async function renameClause(
  ctx: StructureContext,
  identity: Identity,
  draftId: string,
  clauseId: string,
  input: { title: string },
): Promise<ClauseSummary> {
  await ctx.requireSecretariat(identity, draftId);
  const clause = await ctx.clauseOf(draftId, clauseId);
  if (clause.title === input.title) throw conflict(`The clause is already titled "${input.title}".`);
  const logId = await ctx.lastLogId(draftId);
  const { row, change } = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(clauses).set({ title: input.title }).where(eq(clauses.id, clauseId)).returning();
    const recorded = await ctx.record(tx, identity, draftId, {
      kind: 'renamed',
      clauseId,
      details: { from: clause.title, to: input.title },
      logId,
    });
    await writeAudit(tx, {
      actor: identity,
      action: 'clause.renamed',
      draftId,
      subject: clause.number === null ? `clause "${clause.title}"` : `clause ${clause.number}`,
      details: { clauseId: recorded.clauseId, ...recorded.details },
    });
    return { row: updated, change: recorded };
  });
  await ctx.announce(draftId, change, []);
  return toSummary(row);
}
