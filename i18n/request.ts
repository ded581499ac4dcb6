/**
 * next-intl's request configuration (found by the plugin in next.config.js): the
 * language of this request and its messages. No locale routing: the language comes
 * from the account, the cookie or the browser (app/_server/request-locale.ts).
 */
import { getRequestConfig } from 'next-intl/server';
import { messagesFor } from '@/lib/i18n/catalogue';
import { requestLocale } from '@/app/_server/request-locale';

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // Server-rendered dates are in UTC; the browser re-renders them in its own zone (app/_components/ui/date-time.tsx).
  return { locale, messages: messagesFor(locale), timeZone: 'UTC' };
});
