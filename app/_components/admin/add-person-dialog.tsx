'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import type { UserDto } from '@/lib/api/types';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { useLabels } from '../ui/labels';
import { Modal, ModalFooter } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { createPerson } from './admin-api';
import { roleDelegationProblem, type DelegationOption } from './delegation-option';
import { RoleDelegationFields } from './role-delegation-fields';

interface AddPersonDialogProps {
  delegations: readonly DelegationOption[];
  onClose: () => void;
  /** The account exists: add it to the table (the dialog may stay open to show the password). */
  onCreated: (user: UserDto, generatedPassword: boolean) => void;
}

const MIN_PASSWORD = 10;

/**
 * "Add person": email, name, role, delegation and an optional password. When the
 * password is left empty the server generates one and returns it once: the dialog
 * then shows it in a box to copy, and never again.
 */
export function AddPersonDialog({ delegations, onClose, onCreated }: AddPersonDialogProps) {
  const id = useId();
  const t = useTranslations('admin.addPerson');
  const tf = useTranslations('admin.fields');
  const labels = useLabels();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [access, setAccess] = useState<{ role: Role; delegation: DelegationCode | null }>({ role: 'delegate', delegation: null });
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<{ user: UserDto; password: string } | null>(null);

  const { busy, error, submit } = useSubmit(
    () =>
      createPerson({
        email: email.trim(),
        name: name.trim(),
        role: access.role,
        delegation: access.delegation,
        ...(password ? { password } : {}),
      }),
    {
      fallback: t('notCreated'),
      check: () => {
        const problem = roleDelegationProblem(access.role, access.delegation);
        return (
          (!email.trim() && t('needEmail')) ||
          (!name.trim() && t('needName')) ||
          (problem && tf(problem)) ||
          (password && password.length < MIN_PASSWORD && t('shortPassword', { min: MIN_PASSWORD })) ||
          null
        );
      },
      onDone: (result) => {
        onCreated(result.user, Boolean(result.password));
        // A generated password is shown once, in this dialog; otherwise it closes.
        if (result.password) setCreated({ user: result.user, password: result.password });
        else onClose();
      },
    },
  );

  if (created) {
    return (
      <Modal labelledBy={`${id}-done-title`} describedBy={`${id}-done-desc`} onClose={onClose} className="admin-modal" testId="add-person-dialog">
        <div className="modal__form">
          <h2 className="modal__title" id={`${id}-done-title`}>
            {t('createdTitle')}
          </h2>
          <p className="modal__body" id={`${id}-done-desc`}>
            <span>
              {t.rich('createdText', {
                name: created.user.name,
                email: created.user.email,
                affiliation: labels.affiliation(created.user),
                strong: (chunks) => <strong className="admin-strong">{chunks}</strong>,
              })}
            </span>
          </p>
          <GeneratedPassword password={created.password} />
          <div className="modal__actions">
            <button type="button" className="button button--primary button--small" onClick={onClose} data-autofocus>
              {t('done')}
            </button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="admin-modal" testId="add-person-dialog">
      <form className="modal__form" onSubmit={submit} noValidate>
        <h2 className="modal__title" id={`${id}-title`}>
          {t('title')}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          {t('text')}
        </p>
        <div className="admin-fields__pair">
          <div className="modal__field">
            <label htmlFor={`${id}-email`}>{t('email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="off"
              spellCheck={false}
              maxLength={320}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              data-autofocus
              required
            />
          </div>
          <div className="modal__field">
            <label htmlFor={`${id}-name`}>{t('name')}</label>
            <input id={`${id}-name`} type="text" autoComplete="off" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} required />
          </div>
        </div>
        <RoleDelegationFields idPrefix={id} role={access.role} delegation={access.delegation} delegations={delegations} onChange={setAccess} />
        <div className="modal__field">
          <label htmlFor={`${id}-password`}>
            {t('password')} <span className="admin-optional">{t('optional')}</span>
          </label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            maxLength={1024}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={`${id}-password-hint`}
          />
          <p className="modal__hint" id={`${id}-password-hint`}>
            {t('passwordHint', { min: MIN_PASSWORD })}
          </p>
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={t('submit')} busyLabel={t('busy')} />
      </form>
    </Modal>
  );
}

/** The generated password in a read-only box with a Copy button; it is not stored anywhere in the page after the dialog closes. */
function GeneratedPassword({ password }: { password: string }) {
  const id = useId();
  const t = useTranslations('admin.addPerson');
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('yes');
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      inputRef.current?.select();
      setCopied('no');
    }
  }

  return (
    <div className="secret-box" data-testid="generated-password">
      <label className="secret-box__label" htmlFor={`${id}-password`}>
        {t('generatedLabel')}
      </label>
      <div className="secret-box__row">
        <input
          ref={inputRef}
          id={`${id}-password`}
          className="secret-box__value"
          type="text"
          readOnly
          value={password}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button button--secondary button--small" onClick={copy}>
          {t('copy')}
        </button>
      </div>
      <p className="secret-box__hint" role="status">
        {copied === 'yes' ? <strong>{t('copied')}</strong> : copied === 'no' ? <strong>{t('selected')}</strong> : null}
        {t('shareHint')}
      </p>
    </div>
  );
}
