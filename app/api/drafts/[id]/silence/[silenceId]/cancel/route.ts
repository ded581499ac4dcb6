// POST /api/drafts/:id/silence/:silenceId/cancel - the secretariat ends a procedure early; clauses return to their previous status
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { reasonSchema } from '@/lib/requests/silence';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; silenceId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, silenceId } = await ctx.params;
  const body = await parseJsonBody(req, reasonSchema);
  return json(await getServices().negotiation.cancelSilence(identity, id, silenceId, body));
});
