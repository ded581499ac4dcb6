// GET /api/drafts/:id/comments/:threadId - one thread with its replies (404 when it is not visible to you)
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string; threadId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, threadId } = await ctx.params;
  return json(await getServices().comments.get(identity, id, threadId));
});
