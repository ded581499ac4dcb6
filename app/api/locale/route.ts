// POST /api/locale - the language of this browser's signed-out pages ({ locale }), kept in a cookie; no account involved
import { AppError } from '@/lib/errors/app-error';
import { localeCookieHeader } from '@/lib/i18n/locales';
import { localeCookieSchema } from '@/lib/requests/preferences';
import { json, parseJsonBody, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  if (!getServices().isAllowedOrigin(req.headers.get('origin'), req.headers.get('host'))) {
    throw new AppError('forbidden', { message: 'Cross-site requests are not accepted (Origin not allowed).' });
  }
  const body = await parseJsonBody(req, localeCookieSchema);
  const response = json({ locale: body.locale });
  response.headers.append('set-cookie', localeCookieHeader(body.locale));
  return response;
});
