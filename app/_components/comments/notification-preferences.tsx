'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferencesDto } from '@/lib/notifications/kinds';

const URL = '/api/me/notification-preferences';

/** The kinds of notification one receives, and e-mail: checkboxes saved on each change. */
export function NotificationPreferences() {
  const t = useTranslations('header');
  const tc = useTranslations('common');
  const notLoaded = useRef(t('prefsNotLoaded'));
  const [prefs, setPrefs] = useState<NotificationPreferencesDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void fetch(URL)
      .then(async (res) => (res.ok ? setPrefs((await res.json()) as NotificationPreferencesDto) : setError(notLoaded.current)))
      .catch(() => setError(notLoaded.current));
  }, []);

  // The box changes at once; the server's answer then stands (or the previous choice, with the error).
  const save = async (next: { muted: NotificationKind[]; email: boolean }) => {
    const before = prefs;
    setPrefs((p) => (p ? { ...p, ...next } : p));
    try {
      const res = await fetch(URL, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(next) });
      if (!res.ok) throw new Error(String(res.status));
      setPrefs((await res.json()) as NotificationPreferencesDto);
      setError(null);
    } catch {
      setPrefs(before);
      setError(t('prefsNotSaved'));
    }
  };

  if (!prefs)
    return error ? (
      <p className="form-error" role="alert">
        {error}
      </p>
    ) : (
      <p className="bell__empty">{tc('loading')}</p>
    );
  return (
    <fieldset className="bell__prefs" data-testid="notification-preferences">
      <legend className="bell__title">{t('prefsTitle')}</legend>
      {NOTIFICATION_KINDS.map((kind) => (
        <label key={kind} className="bell__pref" title={t(`pref.${kind}.hint`)}>
          <input
            type="checkbox"
            checked={!prefs.muted.includes(kind)}
            onChange={(e) => void save({ email: prefs.email, muted: e.target.checked ? prefs.muted.filter((k) => k !== kind) : [...prefs.muted, kind] })}
          />{' '}
          {t(`pref.${kind}.label`)}
        </label>
      ))}
      {prefs.emailAvailable ? (
        <label className="bell__pref">
          <input type="checkbox" checked={prefs.email} onChange={(e) => void save({ muted: prefs.muted, email: e.target.checked })} /> {t('prefsByEmail')}
        </label>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
