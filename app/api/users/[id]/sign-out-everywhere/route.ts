// POST /api/users/:id/sign-out-everywhere - end every session of a person and close their live connections (secretariat)
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  await getServices().userAdmin.signOutEverywhere(identity, id);
  return json({ ok: true });
});
