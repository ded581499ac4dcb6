// POST /api/drafts/:id/brackets/:bracketId/remove - the secretariat or the proposing delegation removes a bracket
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; bracketId: string }> };

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, bracketId } = await ctx.params;
  return json(await getServices().annotations.removeBracket(identity, id, bracketId));
});
