'use client';

import { useId, useState } from 'react';
import type { RevisionDto } from '@/lib/history/types';
import { Modal, ModalFooter } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { cutRevision } from './history-api';

/** The secretariat cuts the next numbered revision, with an optional note. */
export function CutRevisionDialog({
  draftId,
  next,
  onClose,
  onCut,
}: {
  draftId: string;
  next: number;
  onClose: () => void;
  onCut: (revision: RevisionDto) => void;
}) {
  const id = useId();
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit(() => cutRevision(draftId, note), {
    fallback: 'The revision could not be cut.',
    onDone: (revision) => {
      onCut(revision);
      onClose();
    },
  });

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="cut-revision-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Cut Rev.{next}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          Rev.{next} records the whole text as it stands now. It cannot be changed afterwards; everyone can open it and compare it with any other point.
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-note`}>Note (optional)</label>
          <textarea
            id={`${id}-note`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            rows={3}
            placeholder="e.g. Circulated to capitals after the 4 March session"
            data-autofocus
          />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={`Cut Rev.${next}`} busyLabel="Cutting…" />
      </form>
    </Modal>
  );
}
