// GET /api/me - the signed-in user
import type { Me } from '@/lib/api/types';
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const me: Me = {
    id: identity.userId,
    email: identity.email,
    name: identity.name,
    role: identity.role,
    delegation: identity.delegation,
    color: getServices().colorOf(identity.delegation),
  };
  return json(me);
});
