// GET /api/drafts/:id/history/compare?from&to - clause-by-clause word diff of two points, attributed
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { compareQuerySchema, parseQuery } from '@/lib/requests/history';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const q = parseQuery(req, compareQuerySchema);
  return json(await getServices().history.compare(identity, id, q.from, q.to));
});
