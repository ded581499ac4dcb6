// GET /api/notifications?before&limit&unread - your delegation's notifications, newest first, paginated
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { parseQuery } from '@/lib/requests/comments';
import { notificationQuerySchema } from '@/lib/requests/notifications';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const query = parseQuery(req, notificationQuerySchema);
  return json(await getServices().notifications.list(identity, { before: query.before, limit: query.limit, unreadOnly: Boolean(query.unread) }));
});
