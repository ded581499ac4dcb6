// Typed messages and locales for next-intl: a missing key or a wrong namespace does not compile.
import type { Messages } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/i18n/locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
