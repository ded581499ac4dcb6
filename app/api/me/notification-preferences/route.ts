// GET, PUT /api/me/notification-preferences - the kinds of notification you do not want ({ muted }) and whether you want e-mail
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { notificationPreferencesSchema } from '@/lib/notifications/kinds';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  return json(await getServices().notificationPreferences.get(identity.userId));
});

export const PUT = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const body = await parseJsonBody(req, notificationPreferencesSchema);
  return json(await getServices().notificationPreferences.put(identity.userId, body));
});
