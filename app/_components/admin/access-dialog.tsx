'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { UserDto } from '@/lib/api/types';
import { useLabels } from '../ui/labels';
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
  const t = useTranslations('admin.access');
  const labels = useLabels();
  const disabling = !user.disabled;
  const { busy, error, submit } = useSubmit(() => updatePerson(user.id, { disabled: disabling }), {
    fallback: t('failed'),
    onDone: (updated) => {
      onDone(updated);
      onClose();
    },
  });

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="admin-modal" testId="access-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          {t(disabling ? 'disableTitle' : 'enableTitle', { name: user.name })}
        </h2>
        <div className="modal__body" id={`${id}-desc`}>
          <p>
            {user.email} · {labels.affiliation(user)}
          </p>
          {disabling ? (
            <p className="modal__server">
              <strong>{t('sessionsEnd')}</strong> {t('disableText')}
            </p>
          ) : (
            <p>{t('enableText', { affiliation: labels.affiliation(user) })}</p>
          )}
        </div>
        <ModalFooter
          error={error}
          busy={busy}
          onCancel={onClose}
          autofocusCancel
          tone={disabling ? 'danger' : 'primary'}
          submitLabel={disabling ? t('disable') : t('enable')}
          busyLabel={disabling ? t('disabling') : t('enabling')}
        />
      </form>
    </Modal>
  );
}
