// GET /api/drafts/:id/mandates - every mandate of the draft; POST - a delegation (or the secretariat, by letter) gives one
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { giveMandateSchema } from '@/lib/requests/mandates';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().negotiation.listMandates(identity, id));
});

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const body = await parseJsonBody(req, giveMandateSchema);
  const mandate = await getServices().negotiation.giveMandate(identity, id, { ...body, until: body.until ? new Date(body.until) : undefined });
  return json(mandate, 201);
});
