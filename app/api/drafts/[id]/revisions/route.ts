// GET /api/drafts/:id/revisions - numbered revisions, newest first; POST - the secretariat cuts the next one
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { cutRevisionSchema } from '@/lib/requests/revisions';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().history.listRevisions(identity, id));
});

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const body = await parseJsonBody(req, cutRevisionSchema);
  return json(await getServices().history.cutRevision(identity, id, body), 201);
});
