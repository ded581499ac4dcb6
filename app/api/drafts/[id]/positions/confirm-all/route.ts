// POST /api/drafts/:id/positions/confirm-all - confirm every position of one's delegation given on earlier text
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json({ confirmed: await getServices().negotiation.confirmAllPositions(identity, id) });
});
