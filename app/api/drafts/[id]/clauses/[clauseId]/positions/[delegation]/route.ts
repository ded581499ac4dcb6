// PUT /api/drafts/:id/clauses/:clauseId/positions/:delegation - set a delegation's position
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { setPositionSchema } from '@/lib/requests/position';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; clauseId: string; delegation: string }> };

export const PUT = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, clauseId, delegation } = await ctx.params;
  const body = await parseJsonBody(req, setPositionSchema);
  return json(await getServices().negotiation.setPosition(identity, id, clauseId, delegation.toUpperCase(), body));
});
