/**
 * The message catalogues: one JSON file per namespace and language under messages/
 * (messages/en/<ns>.json, messages/fr/<ns>.json), merged here into one object per
 * language, keyed by namespace: `useTranslations('drafts')` reads messages/<locale>/drafts.json.
 * English is the reference: every other catalogue has exactly its keys (catalogue.test.ts).
 * Adding a namespace: add both files and one line to each map below.
 */
import enAdmin from '../../messages/en/admin.json';
import enCommon from '../../messages/en/common.json';
import enDomain from '../../messages/en/domain.json';
import enDrafts from '../../messages/en/drafts.json';
import enHeader from '../../messages/en/header.json';
import enSignin from '../../messages/en/signin.json';
import frAdmin from '../../messages/fr/admin.json';
import frCommon from '../../messages/fr/common.json';
import frDomain from '../../messages/fr/domain.json';
import frDrafts from '../../messages/fr/drafts.json';
import frHeader from '../../messages/fr/header.json';
import frSignin from '../../messages/fr/signin.json';
import type { Locale } from './locales';

const EN = { common: enCommon, header: enHeader, signin: enSignin, drafts: enDrafts, admin: enAdmin, domain: enDomain };

/** The shape of every catalogue: English's. */
export type Messages = typeof EN;
export type Namespace = keyof Messages;
export const NAMESPACES = Object.keys(EN) as Namespace[];

/** Every namespace of every language, as loaded (plain JSON: the key check reads these). */
export const CATALOGUES: Record<Locale, Record<Namespace, unknown>> = {
  en: EN,
  fr: { common: frCommon, header: frHeader, signin: frSignin, drafts: frDrafts, admin: frAdmin, domain: frDomain },
};

/** The merged messages of a language, for next-intl. */
export function messagesFor(locale: Locale): Messages {
  // Same keys as English by the catalogue test; the cast only names that shape.
  return CATALOGUES[locale] as Messages;
}
