// POST /api/drafts/:id/alternatives/:alternativeId/withdraw - the proposer withdraws its open alternative
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; alternativeId: string }> };

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, alternativeId } = await ctx.params;
  return json(await getServices().annotations.withdrawAlternative(identity, id, alternativeId));
});
