'use client';

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
