/**
 * The language of the page being rendered: the signed-in person's stored choice, else
 * the `accord-locale` cookie (the sign-in page's switch), else Accept-Language, else
 * English (lib/i18n/locales.ts says the order).
 */
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale, type Locale } from '@/lib/i18n/locales';
import { currentSession } from './current-identity';

export async function requestLocale(): Promise<Locale> {
  const [session, cookieStore, headerList] = await Promise.all([currentSession(), cookies(), headers()]);
  return pickLocale({
    stored: session?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
}
