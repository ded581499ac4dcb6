'use client';

import { useId } from 'react';
import type { UserDto } from '@/lib/api/types';
import { affiliationLabel } from '@/lib/ui/people';
import { Modal, ModalFooter } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { updatePerson } from './admin-api';

interface AccessDialogProps {
  user: UserDto;
  onClose: () => void;
  onDone: (user: UserDto) => void;
}

/**
 * The confirmation before disabling a person (their sessions end at once) or enabling
 * them again. The confirm button repeats the row's verb, "Disable" or "Enable".
 */
export function AccessDialog({ user, onClose, onDone }: AccessDialogProps) {
  const id = useId();
  const disabling = !user.disabled;
  const { busy, error, submit } = useSubmit(() => updatePerson(user.id, { disabled: disabling }), {
    fallback: 'This could not be done.',
    onDone: (updated) => {
      onDone(updated);
      onClose();
    },
  });

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="admin-modal" testId="access-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          {disabling ? `Disable ${user.name}?` : `Enable ${user.name}?`}
        </h2>
        <div className="modal__body" id={`${id}-desc`}>
          <p>
            {user.email} · {affiliationLabel(user)}
          </p>
          {disabling ? (
            <p className="modal__server">
              <strong>Their open sessions end immediately.</strong> Any draft they have open disconnects, and they cannot sign in until the account is enabled
              again. Their edits and positions stay on record.
            </p>
          ) : (
            <p>They can sign in again with their existing password, as {affiliationLabel(user)}.</p>
          )}
        </div>
        <ModalFooter
          error={error}
          busy={busy}
          onCancel={onClose}
          autofocusCancel
          tone={disabling ? 'danger' : 'primary'}
          submitLabel={disabling ? 'Disable' : 'Enable'}
          busyLabel={disabling ? 'Disabling…' : 'Enabling…'}
        />
      </form>
    </Modal>
  );
}
