'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { UserDto } from '@/lib/api/types';
import { useLabels } from '../ui/labels';
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
  const t = useTranslations('admin.signOut');
  const ta = useTranslations('admin.access');
  const labels = useLabels();
  const { busy, error, submit } = useSubmit(() => signOutPersonEverywhere(user.id), {
    fallback: ta('failed'),
    onDone: () => {
      onDone(user);
      onClose();
    },
  });

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="admin-modal" testId="sign-out-everywhere-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          {t('title', { name: user.name })}
        </h2>
        <div className="modal__body" id={`${id}-desc`}>
          <p>
            {user.email} · {labels.affiliation(user)}
          </p>
          <p className="modal__server">
            <strong>{t('sessionsEnd')}</strong> {t('text')}
          </p>
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} autofocusCancel tone="danger" submitLabel={t('submit')} busyLabel={t('busy')} />
      </form>
    </Modal>
  );
}
