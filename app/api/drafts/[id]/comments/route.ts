// GET /api/drafts/:id/comments?clauseId&state - the comment threads you may see; POST - start a thread on a span of a clause
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { createThreadSchema, listQuerySchema, parseQuery } from '@/lib/requests/comments';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const query = parseQuery(req, listQuerySchema);
  return json(await getServices().comments.list(identity, id, query));
});

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const body = await parseJsonBody(req, createThreadSchema);
  return json(await getServices().comments.create(identity, id, body), 201);
});
