// GET /api/drafts/:id/comments/counts - open and resolved threads per clause, counting only those you may see
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().comments.counts(identity, id));
});
