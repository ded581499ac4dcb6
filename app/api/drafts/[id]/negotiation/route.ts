// GET /api/drafts/:id/negotiation - one snapshot for the dashboard: clause statuses, positions, consensus, silence procedures, mandates
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const { negotiation } = getServices();
  const [statuses, positions, consensus, silence, mandates] = await Promise.all([
    negotiation.clauseStatuses(identity, id),
    negotiation.listPositions(identity, id),
    negotiation.consensus(identity, id),
    negotiation.listSilence(identity, id),
    negotiation.listMandates(identity, id),
  ]);
  return json({ statuses, positions, consensus, silence, mandates });
});
