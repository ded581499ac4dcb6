'use client';

import { signOut } from 'next-auth/react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { apiSend } from './api-client';
import { LanguageItems, useChangeLanguage } from './i18n/language-switch';
import { clearLocalCopies, waitingChanges } from './local-copies';
import { handleMenuKey } from './menu-keys';
import { Modal, ModalFooter } from './ui/modal';

/**
 * The account menu in the header: the interface language (kept with the account; the
 * page re-renders in it at once), and "Sign out everywhere", which ends every session of the
 * person (other browsers, a forgotten computer) and this one, after a confirmation.
 * Like signing out, it removes this browser's copies of the drafts.
 */
export function AccountMenu() {
  const id = useId();
  const t = useTranslations('header');
  const tc = useTranslations('common');
  const locale = useLocale();
  const language = useChangeLanguage('account');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    handleMenuKey(event, menuRef.current, { close, dismiss: () => setOpen(false) });
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await apiSend('POST', '/api/me/sign-out-everywhere', undefined, {
        byStatus: { 429: tc('tooManyChanges') },
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : tc('tryAgain'));
      setBusy(false);
      return;
    }
    try {
      await clearLocalCopies();
      await signOut({ redirect: false, callbackUrl: '/signin' });
    } finally {
      // A full navigation: server components must see the cleared cookie.
      window.location.assign('/signin');
    }
  }

  return (
    <div className="export-control account-menu" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--on-dark button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {t('account')}
      </button>
      {open ? (
        <div className="status-menu" role="menu" id={`${id}-menu`} aria-label={t('account')} ref={menuRef} onKeyDown={onMenuKey}>
          <LanguageItems
            current={locale}
            busy={language.busy}
            onChoose={(next) => {
              close();
              void language.change(next);
            }}
          />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="status-menu__item"
            onClick={() => {
              close(false);
              setWaiting(waitingChanges());
              setConfirming(true);
            }}
          >
            <span className="status-menu__text">{t('signOutEverywhereItem')}</span>
          </button>
        </div>
      ) : null}
      {language.error ? (
        <p className="account-menu__error" role="alert">
          {language.error}
        </p>
      ) : null}
      {confirming ? (
        <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onClose={() => setConfirming(false)} busy={busy} testId="sign-out-everywhere-dialog">
          <form className="modal__form" onSubmit={confirm}>
            <h2 id={`${id}-title`} className="modal__title">
              {t('signOutEverywhereTitle')}
            </h2>
            <div className="modal__body" id={`${id}-text`}>
              <p>{t('signOutEverywhereText')}</p>
              {waiting > 0 ? <p className="modal__server">{t('signOutEverywhereWaiting', { count: waiting })}</p> : null}
            </div>
            <ModalFooter
              error={error}
              busy={busy}
              onCancel={() => setConfirming(false)}
              autofocusCancel
              tone="danger"
              submitLabel={t('signOutEverywhere')}
              busyLabel={t('signingOut')}
            />
          </form>
        </Modal>
      ) : null}
    </div>
  );
}
