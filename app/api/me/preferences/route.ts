// PATCH /api/me/preferences - the signed-in person's own settings ({ locale }); kept with the account, and in a cookie for this browser's signed-out pages
import { localeCookieHeader } from '@/lib/i18n/locales';
import { mePreferencesSchema } from '@/lib/requests/preferences';
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const PATCH = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const body = await parseJsonBody(req, mePreferencesSchema);
  await getServices().users.setLocale(identity.userId, body.locale);
  const response = json({ locale: body.locale });
  response.headers.append('set-cookie', localeCookieHeader(body.locale));
  return response;
});
