// PATCH /api/users/:id - change a person's name, role, delegation or disable them (secretariat); their live connections are closed
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { updateUserSchema } from '@/lib/requests/users';

export const dynamic = 'force-dynamic';

export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const body = await parseJsonBody(req, updateUserSchema);
  return json(await getServices().userAdmin.update(identity, id, body));
});
