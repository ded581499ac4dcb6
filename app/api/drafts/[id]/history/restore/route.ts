// POST /api/drafts/:id/history/restore - the secretariat restores a clause or the whole draft to an earlier point
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { restoreSchema } from '@/lib/requests/history';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const body = await parseJsonBody(req, restoreSchema);
  return json(await getServices().history.restore(identity, id, body));
});
