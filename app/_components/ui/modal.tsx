'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** Id of the dialog's heading, which names it. */
  labelledBy: string;
  /** Id of the text that explains it, read after the name. */
  describedBy?: string;
  /** Escape, or a dismiss button: the caller unmounts the modal. Ignored while `busy`. */
  onClose: () => void;
  /** A request is on its way: Escape does not close the dialog meanwhile. */
  busy?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>` element: the browser makes the rest of the
 * page inert, keeps focus inside, closes on Escape and gives it `role="dialog"`.
 * Mount it to open it, unmount it to close it; focus goes back to where it was.
 */
export function Modal({ labelledBy, describedBy, onClose, busy = false, className, testId, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  closeRef.current = onClose;
  busyRef.current = busy;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The first field marked autofocus, else the dialog itself (so Escape and Tab work at once).
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]');
    (first ?? dialog).focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      tabIndex={-1}
    >
      {children}
    </dialog>
  );
}

interface ModalFooterProps {
  /** The refusal to show above the buttons (`role="alert"`), if any. */
  error: string | null;
  /** A request is on its way: both buttons are disabled and the submit button says `busyLabel`. */
  busy: boolean;
  onCancel: () => void;
  cancelLabel?: string;
  /** Focus the dismiss button when the dialog opens (for dialogs with no field to fill). */
  autofocusCancel?: boolean;
  tone: 'primary' | 'danger';
  submitLabel: string;
  busyLabel: string;
  /** Disables the submit button for a reason of the caller's own (besides `busy`). */
  submitDisabled?: boolean;
}

/** The end of a dialog's form: its error, then the dismiss button and the submit button. */
export function ModalFooter({
  error,
  busy,
  onCancel,
  cancelLabel,
  autofocusCancel = false,
  tone,
  submitLabel,
  busyLabel,
  submitDisabled = false,
}: ModalFooterProps) {
  const t = useTranslations('common');
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="modal__actions">
        <button type="button" className="button button--ghost button--small" onClick={onCancel} disabled={busy} data-autofocus={autofocusCancel || undefined}>
          {cancelLabel ?? t('cancel')}
        </button>
        <button type="submit" className={`button button--${tone} button--small`} disabled={busy || submitDisabled}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
