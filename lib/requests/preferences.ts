import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';

/** PATCH /api/me/preferences: the person's own settings, each optional; today the interface language. */
export const mePreferencesSchema = z
  .object({
    locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(', ')}` }),
  })
  .strict();
export type MePreferencesRequest = z.infer<typeof mePreferencesSchema>;

/** POST /api/locale (signed out): the language of the sign-in page, kept in a cookie. */
export const localeCookieSchema = z.object({ locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(', ')}` }) }).strict();
export type LocaleCookieRequest = z.infer<typeof localeCookieSchema>;
