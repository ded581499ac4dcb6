// GET /api/delegations - every delegation Accord knows (secretariat, for pickers); POST - add one
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { createDelegationSchema } from '@/lib/requests/drafts';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  return json(await getServices().draftAdmin.listDelegations(identity));
});

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  getServices().draftAdmin.requireSecretariat(identity);
  const body = await parseJsonBody(req, createDelegationSchema);
  return json(await getServices().draftAdmin.createDelegation(identity, body), 201);
});
