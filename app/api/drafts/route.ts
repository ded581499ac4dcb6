// GET /api/drafts - the drafts the caller may read; POST - the secretariat creates a draft (empty or from pasted text)
import { requireIdentity, json, parseJsonBody, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { createDraftSchema } from '@/lib/requests/drafts';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  return json(await getServices().drafts.listForUser(identity));
});

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const services = getServices();
  services.draftAdmin.requireSecretariat(identity);
  const body = await parseJsonBody(req, createDraftSchema);
  const content = body.text ? await services.importer.prepare({ kind: 'text', text: body.text }, body.plan) : undefined;
  const { title, description, participants, observers } = body;
  const draft = await services.draftAdmin.create(identity, { title, description, participants, observers, source: body.text ? 'text' : 'empty', content });
  return json(draft, 201);
});
