// GET /api/drafts - the drafts the caller may read
import { requireIdentity, json, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  return json(await getServices().drafts.listForUser(identity));
});
