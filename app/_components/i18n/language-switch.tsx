'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';
import { apiSend } from '../api-client';

/**
 * Changing the interface language. Signed in (`account`), the choice is stored with the
 * account (PATCH /api/me/preferences, which also sets the cookie); signed out (`cookie`),
 * only this browser's cookie is set (POST /api/locale). Either way the server components
 * render again in the new language, without a full reload and at the same address.
 */
export function useChangeLanguage(where: 'account' | 'cookie') {
  const router = useRouter();
  const t = useTranslations('common');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function change(locale: Locale) {
    setBusy(true);
    setError(null);
    try {
      if (where === 'account') await apiSend('PATCH', '/api/me/preferences', { locale });
      else await apiSend('POST', '/api/locale', { locale });
      router.refresh();
    } catch {
      setError(t('languageNotSaved'));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, change };
}

/** The languages as radio items of a `role="menu"` (the account menu), each named in itself. */
export function LanguageItems({ current, busy, onChoose }: { current: string; busy: boolean; onChoose: (locale: Locale) => void }) {
  const t = useTranslations('common');
  return (
    <div role="group" aria-label={t('language')} className="status-menu__group" data-testid="language-menu">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          role="menuitemradio"
          aria-checked={current === locale}
          tabIndex={-1}
          lang={locale}
          className="status-menu__item"
          disabled={busy}
          data-locale={locale}
          onClick={() => onChoose(locale)}
        >
          <span className="status-menu__text">{LOCALE_NAMES[locale]}</span>
        </button>
      ))}
    </div>
  );
}

/** The sign-in page's switch: two buttons, the current language pressed; sets the cookie. */
export function SignInLanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('common');
  const { busy, error, change } = useChangeLanguage('cookie');
  return (
    <div className="signin-language" role="group" aria-label={t('language')} data-testid="signin-language">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="button button--ghost button--small"
          aria-pressed={locale === l}
          disabled={busy}
          data-locale={l}
          onClick={() => (locale === l ? undefined : void change(l))}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
