// POST /api/notifications/read - mark notifications read ({ ids } or { all: true }) for yourself; answers { unread }
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { markReadSchema } from '@/lib/requests/notifications';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const body = await parseJsonBody(req, markReadSchema);
  return json(await getServices().notifications.markRead(identity, body));
});
