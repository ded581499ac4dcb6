// PUT /api/drafts/:id/alternatives/:alternativeId/backing - a delegation backs (or stops backing) an alternative
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { backingSchema } from '@/lib/requests/annotations';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; alternativeId: string }> };

export const PUT = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, alternativeId } = await ctx.params;
  const body = await parseJsonBody(req, backingSchema);
  return json(await getServices().annotations.setBacking(identity, id, alternativeId, body.backed));
});
