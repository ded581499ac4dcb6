// POST /api/drafts/:id/comments/:threadId/replies - reply to a thread
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { replySchema } from '@/lib/requests/comments';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; threadId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, threadId } = await ctx.params;
  const body = await parseJsonBody(req, replySchema);
  return json(await getServices().comments.reply(identity, id, threadId, body), 201);
});
