'use client';

import { useId, useState, type FormEvent } from 'react';
import type { UserDto } from '@/lib/api/types';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { affiliationLabel } from '@/lib/ui/people';
import { Modal, ModalFooter } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { updatePerson, type PersonChanges } from './admin-api';
import { roleDelegationProblem, type DelegationOption } from './delegation-option';
import { RoleDelegationFields } from './role-delegation-fields';

interface EditPersonDialogProps {
  user: UserDto;
  /** The person is the one signed in: they cannot give up their own secretariat role. */
  isSelf: boolean;
  delegations: readonly DelegationOption[];
  onClose: () => void;
  onSaved: (user: UserDto, rightsChanged: boolean) => void;
}

/**
 * Change a person's name, role or delegation. A change of role or delegation ends
 * their sessions and live connections at once, and the dialog says so before Save.
 */
export function EditPersonDialog({ user, isSelf, delegations, onClose, onSaved }: EditPersonDialogProps) {
  const id = useId();
  const [name, setName] = useState(user.name);
  const [access, setAccess] = useState<{ role: Role; delegation: DelegationCode | null }>({ role: user.role, delegation: user.delegation });
  const rightsChanged = access.role !== user.role || access.delegation !== user.delegation;
  const nameChanged = name.trim() !== user.name;

  const save = useSubmit(
    () => {
      const changes: PersonChanges = {};
      if (nameChanged) changes.name = name.trim();
      if (access.role !== user.role) changes.role = access.role;
      if (access.delegation !== user.delegation) changes.delegation = access.delegation;
      return updatePerson(user.id, changes);
    },
    {
      fallback: 'The changes could not be saved.',
      check: () => (!name.trim() && 'Give their name as it should appear to others.') || roleDelegationProblem(access.role, access.delegation),
      onDone: (updated) => {
        onSaved(updated, rightsChanged);
        onClose();
      },
    },
  );
  const { busy, error, setError } = save;
  // Nothing changed: Save just closes.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (rightsChanged || nameChanged) return save.submit(event);
    event.preventDefault();
    onClose();
  };

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="admin-modal" testId="edit-person-dialog">
      <form className="modal__form" onSubmit={submit} noValidate>
        <h2 className="modal__title" id={`${id}-title`}>
          Edit {user.name}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          <span>
            {user.email} · currently {affiliationLabel(user)}
            {user.disabled ? ' · disabled' : ''}
          </span>
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" autoComplete="off" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-autofocus />
        </div>
        <RoleDelegationFields
          idPrefix={id}
          role={access.role}
          delegation={access.delegation}
          delegations={delegations}
          onChange={(next) => {
            setAccess(next);
            setError(null);
          }}
          lockedRoles={
            isSelf && user.role === 'secretariat' ? { roles: ['delegate', 'observer'], reason: 'You cannot give up your own secretariat role.' } : undefined
          }
        />
        {rightsChanged ? (
          <p className="modal__server" data-testid="sessions-warning">
            <strong>Their open sessions end immediately.</strong> {user.name} becomes {affiliationLabel(access)}; any draft they have open disconnects and they
            sign in again to continue with the new access.
          </p>
        ) : null}
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel="Save changes" busyLabel="Saving…" />
      </form>
    </Modal>
  );
}
