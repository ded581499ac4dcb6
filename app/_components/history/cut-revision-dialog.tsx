'use client';

import { useId, useState, type FormEvent } from 'react';
import type { RevisionDto } from '@/lib/history/types';
import { Modal, ModalFooter } from '../room/modal';
import { cutRevision } from './history-api';

/** The secretariat cuts the next numbered revision, with an optional note. */
export function CutRevisionDialog({ draftId, next, onClose, onCut }: { draftId: string; next: number; onClose: () => void; onCut: (revision: RevisionDto) => void }) {
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onCut(await cutRevision(draftId, note));
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The revision could not be cut.');
      setBusy(false);
    }
  }

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
          <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={3} placeholder="e.g. Circulated to capitals after the 4 March session" data-autofocus />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={`Cut Rev.${next}`} busyLabel="Cutting…" />
      </form>
    </Modal>
  );
}
