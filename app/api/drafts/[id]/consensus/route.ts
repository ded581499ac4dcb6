// GET /api/drafts/:id/consensus - consensus state of every clause, with what is missing
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().negotiation.consensus(identity, id));
});
