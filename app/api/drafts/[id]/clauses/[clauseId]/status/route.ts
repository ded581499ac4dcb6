// POST /api/drafts/:id/clauses/:clauseId/status - the secretariat sets a clause's status
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { setStatusSchema } from '@/lib/requests/clause-status';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; clauseId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  const body = await parseJsonBody(req, setStatusSchema);
  return json(await getServices().negotiation.setClauseStatus(identity, id, clauseId, body));
});
