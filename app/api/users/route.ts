// GET /api/users - every account (secretariat); POST - create an account (secretariat)
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { createUserSchema } from '@/lib/requests/users';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  return json(await getServices().userAdmin.list(identity));
});

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const body = await parseJsonBody(req, createUserSchema);
  return json(await getServices().userAdmin.create(identity, body), 201);
});
