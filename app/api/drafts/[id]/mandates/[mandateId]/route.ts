// DELETE /api/drafts/:id/mandates/:mandateId - revoke a mandate at once (its giver, its holder or the secretariat)
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string; mandateId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, mandateId } = await ctx.params;
  return json(await getServices().negotiation.revokeMandate(identity, id, mandateId));
});
