'use client';

import { signOut } from 'next-auth/react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { apiSend } from './api-client';
import { clearLocalCopies, waitingChanges } from './local-copies';
import { handleMenuKey } from './menu-keys';
import { Modal, ModalFooter } from './ui/modal';

/**
 * The account menu in the header: "Sign out everywhere" ends every session of the
 * person (other browsers, a forgotten computer) and this one, after a confirmation.
 * Like signing out, it removes this browser's copies of the drafts.
 */
export function AccountMenu() {
  const id = useId();
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
        byStatus: { 429: 'Too many changes in a short time. Wait a moment and try again.' },
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'This could not be done. Try again.');
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
        Account
      </button>
      {open ? (
        <div className="status-menu" role="menu" id={`${id}-menu`} aria-label="Account" ref={menuRef} onKeyDown={onMenuKey}>
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
            <span className="status-menu__text">Sign out everywhere…</span>
          </button>
        </div>
      ) : null}
      {confirming ? (
        <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onClose={() => setConfirming(false)} busy={busy} testId="sign-out-everywhere-dialog">
          <form className="modal__form" onSubmit={confirm}>
            <h2 id={`${id}-title`} className="modal__title">
              Sign out everywhere?
            </h2>
            <div className="modal__body" id={`${id}-text`}>
              <p>
                Every session of yours ends at once, on every computer and browser, this one included. Drafts open elsewhere disconnect. Sign in again to
                continue.
              </p>
              {waiting > 0 ? (
                <p className="modal__server">
                  {waiting === 1 ? '1 change' : `${waiting} changes`} made while offline {waiting === 1 ? 'has' : 'have'} not reached the server yet and would
                  be lost. Cancel and reconnect first to keep {waiting === 1 ? 'it' : 'them'}.
                </p>
              ) : null}
            </div>
            <ModalFooter
              error={error}
              busy={busy}
              onCancel={() => setConfirming(false)}
              autofocusCancel
              tone="danger"
              submitLabel="Sign out everywhere"
              busyLabel="Signing out…"
            />
          </form>
        </Modal>
      ) : null}
    </div>
  );
}
