// POST /api/drafts/:id/silence/:silenceId/break - a delegation (or its mandate holder) breaks silence, with a reason
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { breakSilenceSchema } from '@/lib/requests/silence';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; silenceId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, silenceId } = await ctx.params;
  const body = await parseJsonBody(req, breakSilenceSchema);
  return json(await getServices().negotiation.breakSilence(identity, id, silenceId, body));
});
