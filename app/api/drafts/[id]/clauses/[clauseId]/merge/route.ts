// POST /api/drafts/:id/clauses/:clauseId/merge - the secretariat merges a clause into the clause before it
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; clauseId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  return json(await getServices().structure.mergeClause(identity, id, clauseId));
});
