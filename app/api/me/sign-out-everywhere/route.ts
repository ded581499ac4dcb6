// POST /api/me/sign-out-everywhere - end every session of the signed-in person (this one too) and close their live connections
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  await getServices().userAdmin.signOutSelfEverywhere(identity);
  return json({ ok: true });
});
