// GET /api/drafts/:id/silence - silence procedures with their state; POST - the secretariat starts one
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { startSilenceSchema } from '@/lib/requests/silence';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().negotiation.listSilence(identity, id));
});

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const body = await parseJsonBody(req, startSilenceSchema);
  const procedure = await getServices().negotiation.startSilence(identity, id, {
    clauseIds: body.clauseIds,
    deadline: new Date(body.deadline),
    note: body.note,
    override: body.override,
  });
  return json(procedure, 201);
});
