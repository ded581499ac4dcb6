'use client';

import { useId, useState, type FormEvent } from 'react';
import type { AlternativeDto, AnchorDto } from '@/lib/api/types';
import { MAX_WORDING_CHARS } from '@/lib/requests/annotations';
import { Modal, ModalFooter } from '../ui/modal';

interface ProposeDialogProps {
  clauseNumber: number;
  span: { anchor: AnchorDto; quote: string } | null;
  competesWith?: AlternativeDto;
  onClose: () => void;
  onSubmit: (input: { body: string; note?: string; span?: { anchor: AnchorDto; quote: string }; competesWith?: string }) => Promise<void>;
}

export function ProposeDialog({ clauseNumber, span, competesWith, onClose, onSubmit }: ProposeDialogProps) {
  const id = useId();
  const [scope, setScope] = useState<'span' | 'clause'>(span ? 'span' : 'clause');
  const [body, setBody] = useState(competesWith ? competesWith.body : span ? span.quote : '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!body.trim()) {
      setError('Write the alternative wording.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        body,
        note,
        ...(competesWith ? { competesWith: competesWith.id } : scope === 'span' && span ? { span } : {}),
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The alternative could not be proposed.');
      setBusy(false);
    }
  }

  const target = competesWith
    ? competesWith.scope === 'span'
      ? `the words “${competesWith.quote}” (competing with ALT ${competesWith.number})`
      : `the whole clause (competing with ALT ${competesWith.number})`
    : null;

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="propose-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Propose an alternative wording — clause {clauseNumber}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          It is shown as the next ALT number beside the current text (ALT 1), in your delegation’s name, and your delegation backs it. The secretariat may adopt
          it.
        </p>
        {target ? (
          <p className="modal__body">For {target}.</p>
        ) : (
          <fieldset className="modal__fieldset">
            <legend>Replace</legend>
            <label className="annot__radio">
              <input type="radio" name={`${id}-scope`} checked={scope === 'span'} disabled={!span} onChange={() => setScope('span')} />
              {span
                ? `The selected words: “${span.quote.slice(0, 120)}${span.quote.length > 120 ? '…' : ''}”`
                : 'Selected words (select words in the text first)'}
            </label>
            <label className="annot__radio">
              <input type="radio" name={`${id}-scope`} checked={scope === 'clause'} onChange={() => setScope('clause')} />
              The whole clause
            </label>
          </fieldset>
        )}
        <div className="modal__field">
          <label htmlFor={`${id}-body`}>Alternative wording</label>
          <textarea
            id={`${id}-body`}
            rows={scope === 'clause' && !competesWith ? 6 : 3}
            maxLength={MAX_WORDING_CHARS}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            data-autofocus
            required
          />
          <span className="modal__hint">
            Plain text, {body.length.toLocaleString('en')} / {MAX_WORDING_CHARS.toLocaleString('en')} characters
            {scope === 'span' || competesWith?.scope === 'span' ? ', one line' : ''}.
          </span>
        </div>
        <div className="modal__field">
          <label htmlFor={`${id}-note`}>Explanation (optional)</label>
          <textarea id={`${id}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel="Propose alternative" busyLabel="Proposing…" />
      </form>
    </Modal>
  );
}

interface AdoptDialogProps {
  alternative: AlternativeDto;
  current: string | null;
  clauseNumber: number;
  onClose: () => void;
  onSubmit: (note: string) => Promise<void>;
}

export function AdoptDialog({ alternative, current, clauseNumber, onClose, onSubmit }: AdoptDialogProps) {
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
      await onSubmit(note);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The alternative could not be adopted.');
      setBusy(false);
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="adopt-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Adopt ALT {alternative.number} in clause {clauseNumber}?
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          {alternative.scope === 'span'
            ? `“${(current ?? alternative.quote).trim()}” becomes “${alternative.body}”`
            : 'The whole text of the clause is replaced by ALT ' + alternative.number}
          , for everyone, at once, as an edit in your name. The other alternatives for the same words are archived, and brackets on the replaced words are
          resolved.
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-note`}>Note for the record (optional)</label>
          <textarea id={`${id}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} data-autofocus />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={`Adopt ALT ${alternative.number}`} busyLabel="Adopting…" />
      </form>
    </Modal>
  );
}
