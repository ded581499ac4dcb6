// GET /api/drafts/:id - one draft with its clauses (404 when unknown or not shared with the caller)
import { requireIdentity, json, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().drafts.getForUser(identity, id));
});
