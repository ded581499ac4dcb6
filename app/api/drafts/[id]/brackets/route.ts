// GET /api/drafts/:id/brackets?clauseId - every bracket recorded on the draft's text (open and removed)
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const clauseId = new URL(req.url).searchParams.get('clauseId') ?? undefined;
  return json(await getServices().annotations.listBrackets(identity, id, clauseId));
});
