// POST /api/drafts/:id/clauses/:clauseId/alternatives - propose an alternative wording for the clause or a span of it
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { proposeAlternativeSchema } from '@/lib/requests/annotations';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; clauseId: string }> };

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  const body = await parseJsonBody(req, proposeAlternativeSchema);
  return json(await getServices().annotations.proposeAlternative(identity, id, clauseId, body), 201);
});
