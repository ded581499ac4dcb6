// GET /api/drafts/:id/clauses/:clauseId/positions/history - every change of position on a clause, oldest first
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string; clauseId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  return json(await getServices().negotiation.positionHistory(identity, id, clauseId));
});
