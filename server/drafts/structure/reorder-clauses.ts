/** The secretariat puts the clauses in a new order (drag and drop, keyboard): ids stay, numbers follow. */
import type { DraftDetail } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../../audit/audit-log';
import { badRequest, conflict, type StructureContext } from './context';

export async function reorderClauses(ctx: StructureContext, identity: Identity, draftId: string, input: { clauseIds: string[] }): Promise<DraftDetail> {
  await ctx.requireSecretariat(identity, draftId);
  const logId = await ctx.lastLogId(draftId);
  const change = await ctx.db.transaction(async (tx) => {
    await ctx.lockDraft(tx, draftId);
    const live = await ctx.liveClauses(tx, draftId);
    const known = new Set(live.map((c) => c.id));
    const given = new Set(input.clauseIds);
    const permutation = given.size === input.clauseIds.length && given.size === known.size && input.clauseIds.every((id) => known.has(id));
    if (!permutation) {
      throw badRequest(
        `clauseIds must list every clause of the draft exactly once (${known.size} clauses; got ${input.clauseIds.length} ids, ${given.size} distinct).`,
        'clauseIds',
      );
    }
    const before = live.map((c) => c.id);
    if (before.every((id, i) => id === input.clauseIds[i])) throw conflict('The clauses are already in this order.');
    await ctx.renumber(tx, draftId, input.clauseIds);
    const moved = input.clauseIds.filter((id, i) => before[i] !== id);
    const recorded = await ctx.record(tx, identity, draftId, {
      kind: 'moved',
      clauseId: moved.length === 1 ? moved[0] : null,
      details: { from: before, to: input.clauseIds, clauseIds: moved },
      logId,
    });
    await writeAudit(tx, {
      actor: identity,
      action: 'clause.moved',
      draftId,
      subject: 'clause order',
      details: { clauseId: recorded.clauseId, ...recorded.details },
    });
    return recorded;
  });
  await ctx.announce(draftId, change, []);
  return ctx.drafts.getForUser(identity, draftId);
}
