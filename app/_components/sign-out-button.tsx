'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { clearLocalCopies, waitingChanges } from './local-copies';
import { Modal, ModalFooter } from './ui/modal';

/**
 * Signing out also removes this browser's copies of the drafts (IndexedDB): a
 * negotiating text must not stay on a shared computer. Changes made offline that the
 * server has not confirmed yet would be lost with them, so the person is asked first.
 */
export function SignOutButton() {
  const t = useTranslations('header');
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(0);

  async function signOutNow() {
    setBusy(true);
    try {
      await clearLocalCopies();
      await signOut({ redirect: false, callbackUrl: '/signin' });
    } finally {
      // A full navigation: server components must see the cleared cookie.
      window.location.assign('/signin');
    }
  }

  function onClick() {
    const n = waitingChanges();
    if (n > 0) setWaiting(n);
    else void signOutNow();
  }

  function onConfirm(event: FormEvent) {
    event.preventDefault();
    void signOutNow();
  }

  return (
    <>
      <button type="button" className="button button--on-dark button--small" onClick={onClick} disabled={busy}>
        {t('signOut')}
      </button>
      {waiting > 0 ? (
        <Modal labelledBy="sign-out-title" describedBy="sign-out-text" onClose={() => setWaiting(0)} busy={busy} testId="sign-out-dialog">
          <form className="modal__form" onSubmit={onConfirm}>
            <h2 id="sign-out-title" className="modal__title">
              {t('signOutUnsentTitle')}
            </h2>
            <p className="modal__body" id="sign-out-text">
              {t('signOutUnsentText', { count: waiting })}
            </p>
            <ModalFooter
              error={null}
              busy={busy}
              onCancel={() => setWaiting(0)}
              cancelLabel={t('staySignedIn')}
              autofocusCancel
              tone="danger"
              submitLabel={t('signOutAndDiscard')}
              busyLabel={t('signingOut')}
            />
          </form>
        </Modal>
      ) : null}
    </>
  );
}
