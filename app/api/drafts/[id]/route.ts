// GET /api/drafts/:id - one draft with its clauses and state (404 when unknown or not shared with the caller); PATCH - the secretariat changes, closes or reopens it
import { requireIdentity, json, parseJsonBody, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { updateDraftSchema } from '@/lib/requests/drafts';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  return json(await getServices().drafts.getForUser(identity, id));
});

export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  getServices().draftAdmin.requireSecretariat(identity);
  const body = await parseJsonBody(req, updateDraftSchema);
  return json(await getServices().draftAdmin.update(identity, id, body));
});
