// POST /api/drafts/:id/clauses/:clauseId/brackets - bracket words of a clause (a delegate or the secretariat)
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { addBracketSchema } from '@/lib/requests/annotations';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; clauseId: string }> };

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  const body = await parseJsonBody(req, addBracketSchema);
  return json(await getServices().annotations.addBracket(identity, id, clauseId, body), 201);
});
