'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import type { UserDto } from '@/lib/api/types';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { useLabels } from '../ui/labels';
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
  const t = useTranslations('admin.editPerson');
  const tf = useTranslations('admin.fields');
  const tn = useTranslations('admin.addPerson');
  const labels = useLabels();
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
      fallback: t('notSaved'),
      check: () => {
        const problem = roleDelegationProblem(access.role, access.delegation);
        return (!name.trim() && tn('needName')) || (problem && tf(problem)) || null;
      },
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
          {t('title', { name: user.name })}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          <span>{t(user.disabled ? 'currentlyDisabled' : 'currently', { email: user.email, affiliation: labels.affiliation(user) })}</span>
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-name`}>{t('name')}</label>
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
          lockedRoles={isSelf && user.role === 'secretariat' ? { roles: ['delegate', 'observer'], reason: t('selfRole') } : undefined}
        />
        {rightsChanged ? (
          <p className="modal__server" data-testid="sessions-warning">
            <strong>{t('sessionsEnd')}</strong> {t('becomes', { name: user.name, affiliation: labels.affiliation(access) })}
          </p>
        ) : null}
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={t('submit')} busyLabel={t('busy')} />
      </form>
    </Modal>
  );
}
