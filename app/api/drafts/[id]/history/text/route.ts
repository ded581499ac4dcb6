// GET /api/drafts/:id/history/text?at - the text of every clause at a point of the history
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { atQuerySchema, parseQuery } from '@/lib/requests/history';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const q = parseQuery(req, atQuerySchema);
  return json(await getServices().history.textAt(identity, id, q.at));
});
