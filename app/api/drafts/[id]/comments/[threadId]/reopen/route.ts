// POST /api/drafts/:id/comments/:threadId/reopen - reopen a resolved thread (its delegation or the secretariat)
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; threadId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, threadId } = await ctx.params;
  return json(await getServices().comments.setState(identity, id, threadId, 'open'));
});
