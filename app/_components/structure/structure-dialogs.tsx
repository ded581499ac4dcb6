'use client';

import { useId, useState, type FormEvent } from 'react';
import type { ClauseSummary } from '@/lib/api/types';
import { Modal, ModalFooter } from '../ui/modal';

/** Busy and error state of a dialog whose form sends one request. */
function useSubmit(action: () => Promise<void>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>, check?: () => string | null) {
    event.preventDefault();
    if (busy) return;
    const problem = check?.() ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The change could not be made.');
      setBusy(false);
    }
  }
  return { busy, error, submit };
}

const clauseName = (c: ClauseSummary) => (c.number === null ? `“${c.title}” (withdrawn)` : `clause ${c.number}, “${c.title}”`);

interface TitleDialogProps {
  mode: 'add' | 'rename';
  /** Rename: the clause; add: the clause it follows (null: at the start). */
  clause: ClauseSummary | null;
  onClose: () => void;
  onSubmit: (title: string, text: string) => Promise<void>;
}

/** Add a clause (title and first text) or rename one. */
export function ClauseTitleDialog({ mode, clause, onClose, onSubmit }: TitleDialogProps) {
  const id = useId();
  const [title, setTitle] = useState(mode === 'rename' ? (clause?.title ?? '') : '');
  const [text, setText] = useState('');
  const { busy, error, submit } = useSubmit(() => onSubmit(title, text), onClose);
  const check = () => (title.trim() ? null : 'Give the clause a title.');
  const where =
    mode === 'rename'
      ? `Renaming ${clause ? clauseName(clause) : 'the clause'}.`
      : clause
        ? `It goes right after ${clauseName(clause)}.`
        : 'It goes at the start of the draft.';
  return (
    <Modal
      labelledBy={`${id}-title`}
      describedBy={`${id}-desc`}
      onClose={onClose}
      busy={busy}
      testId={mode === 'add' ? 'add-clause-dialog' : 'rename-clause-dialog'}
    >
      <form className="modal__form" onSubmit={(e) => void submit(e, check)}>
        <h2 className="modal__title" id={`${id}-title`}>
          {mode === 'add' ? 'Add a clause' : 'Rename the clause'}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          {where} Everyone with the draft open sees the change at once; it is recorded in the history.
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-name`}>Title</label>
          <input id={`${id}-name`} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-autofocus required />
        </div>
        {mode === 'add' ? (
          <div className="modal__field">
            <label htmlFor={`${id}-text`}>
              First text <span className="field-hint">(optional; one paragraph a line)</span>
            </label>
            <textarea id={`${id}-text`} rows={4} maxLength={20000} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
        ) : null}
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={mode === 'add' ? 'Add clause' : 'Rename'} busyLabel="Saving…" />
      </form>
    </Modal>
  );
}

interface SplitDialogProps {
  clause: ClauseSummary;
  paragraphs: readonly string[];
  onClose: () => void;
  onSubmit: (paragraph: number, title: string) => Promise<void>;
}

/** Split a clause: pick the paragraph the new clause starts with, and its title. */
export function SplitDialog({ clause, paragraphs, onClose, onSubmit }: SplitDialogProps) {
  const id = useId();
  const [at, setAt] = useState(paragraphs.length > 1 ? 1 : 0);
  const [title, setTitle] = useState(`${clause.title} (continued)`);
  const { busy, error, submit } = useSubmit(() => onSubmit(at, title), onClose);
  const check = () => (at < 1 ? 'Choose the paragraph the new clause starts with.' : title.trim() ? null : 'Give the new clause a title.');
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="split-clause-dialog">
      <form className="modal__form" onSubmit={(e) => void submit(e, check)}>
        <h2 className="modal__title" id={`${id}-title`}>
          Split {clauseName(clause)}
        </h2>
        <div className="modal__body" id={`${id}-desc`}>
          <p>
            The paragraphs from the one you choose on become a new clause right after this one. Positions are carried to both clauses and show as given on
            earlier text; open alternatives are archived.
          </p>
        </div>
        {paragraphs.length < 2 ? (
          <p className="form-error" role="alert">
            This clause has a single paragraph: there is nothing to split.
          </p>
        ) : (
          <fieldset className="split-choices">
            <legend>The new clause starts with</legend>
            {paragraphs.slice(1).map((text, i) => (
              <label key={i + 1} className="split-choice">
                <input
                  type="radio"
                  name={`${id}-at`}
                  value={i + 1}
                  checked={at === i + 1}
                  onChange={() => setAt(i + 1)}
                  data-autofocus={i === 0 || undefined}
                />
                <span className="split-choice__n">¶ {i + 2}</span>
                <span className="split-choice__text">{text.trim() ? text.slice(0, 140) : '(empty paragraph)'}</span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="modal__field">
          <label htmlFor={`${id}-name`}>Title of the new clause</label>
          <input id={`${id}-name`} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} required />
        </div>
        <ModalFooter
          error={error}
          busy={busy}
          onCancel={onClose}
          tone="primary"
          submitLabel="Split clause"
          busyLabel="Splitting…"
          submitDisabled={paragraphs.length < 2}
        />
      </form>
    </Modal>
  );
}

interface MergeDialogProps {
  clause: ClauseSummary;
  into: ClauseSummary;
  onClose: () => void;
  onSubmit: () => Promise<void>;
}

/** Merge a clause into the one before it: what happens to its text, positions and alternatives. */
export function MergeDialog({ clause, into, onClose, onSubmit }: MergeDialogProps) {
  const id = useId();
  const { busy, error, submit } = useSubmit(onSubmit, onClose);
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="merge-clause-dialog">
      <form className="modal__form" onSubmit={(e) => void submit(e)}>
        <h2 className="modal__title" id={`${id}-title`}>
          Merge {clauseName(clause)} into {clauseName(into)}?
        </h2>
        <div className="modal__body" id={`${id}-desc`}>
          <p>Its paragraphs are added at the end of “{into.title}”, and it leaves the draft. Comments and brackets follow its words.</p>
          <p>
            The positions on “{into.title}” are reset to none (recorded in their history): delegations state them again on the merged text. Open alternatives of
            both clauses are archived. Anyone still typing in it is told the change was not saved.
          </p>
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} autofocusCancel tone="danger" submitLabel="Merge clauses" busyLabel="Merging…" />
      </form>
    </Modal>
  );
}
