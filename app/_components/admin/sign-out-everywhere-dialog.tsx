'use client';

import { useId } from 'react';
import type { UserDto } from '@/lib/api/types';
import { affiliationLabel } from '@/lib/ui/people';
import { Modal, ModalFooter } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { signOutPersonEverywhere } from './admin-api';

interface SignOutEverywhereDialogProps {
  user: UserDto;
  onClose: () => void;
  onDone: (user: UserDto) => void;
}

/**
 * The secretariat's confirmation before ending every session of a person (a lost
 * laptop, a shared computer): their open drafts disconnect and they sign in again.
 * Their account, role and delegation stay as they are.
 */
export function SignOutEverywhereDialog({ user, onClose, onDone }: SignOutEverywhereDialogProps) {
  const id = useId();
  const { busy, error, submit } = useSubmit(() => signOutPersonEverywhere(user.id), {
    fallback: 'This could not be done.',
    onDone: () => {
      onDone(user);
      onClose();
    },
  });

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="admin-modal" testId="sign-out-everywhere-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Sign {user.name} out everywhere?
        </h2>
        <div className="modal__body" id={`${id}-desc`}>
          <p>
            {user.email} · {affiliationLabel(user)}
          </p>
          <p className="modal__server">
            <strong>Every session of theirs ends immediately,</strong> on every device. Any draft they have open disconnects. Their account stays active: they
            can sign in again with their password.
          </p>
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} autofocusCancel tone="danger" submitLabel="Sign out everywhere" busyLabel="Signing out…" />
      </form>
    </Modal>
  );
}
