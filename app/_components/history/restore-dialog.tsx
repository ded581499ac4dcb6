'use client';

import { useId } from 'react';
import type { RestoreResultDto } from '@/lib/history/types';
import { Modal, ModalFooter } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { restoreText } from './history-api';

interface RestoreDialogProps {
  draftId: string;
  /** The point to restore to (`rev:1`, `log:123`, an ISO time). */
  to: string;
  toLabel: string;
  /** One clause, or the whole draft when absent. */
  clause?: { id: string; number: number | null; title: string };
  onClose: () => void;
  onRestored: (result: RestoreResultDto) => void;
}

/** Confirms a restore: it is a new edit, attributed to the secretariat officer, seen live by everyone. */
export function RestoreDialog({ draftId, to, toLabel, clause, onClose, onRestored }: RestoreDialogProps) {
  const id = useId();
  const { busy, error, submit } = useSubmit(() => restoreText(draftId, to, clause?.id), {
    fallback: 'The text could not be restored.',
    onDone: (result) => {
      onRestored(result);
      onClose();
    },
  });
  const what = clause ? `clause ${clause.number} (${clause.title})` : 'every clause of the draft';

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="restore-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Restore {clause ? `clause ${clause.number}` : 'the whole draft'} to {toLabel}?
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          The text of {what} becomes what it was at <strong>{toLabel}</strong>. This is a new edit in your name: everybody with the draft open sees it at once,
          and the history keeps every earlier version (you can restore the current text again later). Locked clauses are restored too.
        </p>
        <ModalFooter error={error} busy={busy} onCancel={onClose} autofocusCancel tone="danger" submitLabel="Restore" busyLabel="Restoring…" />
      </form>
    </Modal>
  );
}
