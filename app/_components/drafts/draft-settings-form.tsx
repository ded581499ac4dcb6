'use client';

import { useState } from 'react';
import type { DelegationDto, DraftDetail } from '@/lib/api/types';
import { ApiError } from '../api-client';
import { DelegationPicker, partsToLists, type Part } from './delegation-picker';
import { updateDraft } from './drafts-api';
import styles from './drafts.module.css';

const messageOf = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

function partsOf(draft: DraftDetail): Map<string, Part> {
  return new Map(draft.delegations.map((d) => [d.code, d.participation]));
}

/** The secretariat's settings of a draft: title, mandate, delegations, and closing or reopening it. */
export function DraftSettingsForm({ draft: initial, delegations: known }: { draft: DraftDetail; delegations: DelegationDto[] }) {
  const [draft, setDraft] = useState(initial);
  const [delegations, setDelegations] = useState(known);
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [parts, setParts] = useState(() => partsOf(initial));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stateError, setStateError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const closed = draft.state === 'closed';

  const save = async () => {
    setError(null);
    setSaved(null);
    setBusy(true);
    try {
      const next = await updateDraft(draft.id, { title: title.trim(), description: description.trim(), ...partsToLists(parts) });
      setDraft(next);
      setParts(partsOf(next));
      setSaved('Saved. Everyone with the draft open sees the change.');
    } catch (err) {
      setError(messageOf(err, 'The changes could not be saved.'));
    } finally {
      setBusy(false);
    }
  };

  const changeState = async () => {
    setStateError(null);
    setSaved(null);
    setBusy(true);
    try {
      const next = await updateDraft(draft.id, { state: closed ? 'open' : 'closed', ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setDraft(next);
      setReason('');
      setSaved(next.state === 'closed' ? 'The draft is closed: it is read-only for everyone.' : 'The draft is open again.');
    } catch (err) {
      setStateError(messageOf(err, 'The draft could not be changed.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form
        className={styles.card}
        aria-labelledby="ds-about"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="draft-settings-form"
      >
        <h2 id="ds-about">Title, mandate and delegations</h2>
        {closed ? <p>The draft is closed: reopen it below before changing it.</p> : null}
        <fieldset disabled={closed || busy} className={styles.fields}>
          <div className="field">
            <label htmlFor="ds-title">Title</label>
            <input id="ds-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          </div>
          <div className={`field ${styles.field}`}>
            <label htmlFor="ds-description">Description (the mandate)</label>
            <textarea id="ds-description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <DelegationPicker
            delegations={delegations}
            parts={parts}
            onChange={setParts}
            onAdded={(d) => setDelegations((list) => [...list, d].sort((a, b) => a.code.localeCompare(b.code)))}
          />
          <p className={styles.hint}>
            A delegation removed from the participants keeps its positions in the history but no longer counts for consensus; the change is recorded.
          </p>
        </fieldset>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={closed || busy || !title.trim()}>
            Save changes
          </button>
        </div>
      </form>

      <section className={styles.card} id="state" aria-labelledby="ds-state" data-testid="draft-state">
        <h2 id="ds-state">{closed ? 'Reopen the draft' : 'Close the draft'}</h2>
        <p className={styles.stateLine}>
          State: <span className={`tag ${closed ? 'tag--muted' : 'tag--write'}`}>{closed ? 'Closed · read-only' : 'Open'}</span>
        </p>
        <p>
          {closed
            ? 'Reopening lets delegations edit, take positions and comment again. Give the reason; it is recorded in the audit log.'
            : 'Close the draft when its text is adopted: it becomes read-only for everyone, stays readable and exportable. It cannot be closed while a silence procedure runs.'}
        </p>
        <div className={`field ${styles.field}`}>
          <label htmlFor="ds-reason">{closed ? 'Reason for reopening (required)' : 'Note (optional)'}</label>
          <textarea id="ds-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="state-reason" />
        </div>
        {stateError ? (
          <p className="form-error" role="alert">
            {stateError}
          </p>
        ) : null}
        <div className={styles.actions}>
          <button
            type="button"
            className={`button ${closed ? 'button--primary' : 'button--danger'}`}
            disabled={busy || (closed && !reason.trim())}
            onClick={() => void changeState()}
            data-testid="toggle-state"
          >
            {closed ? 'Reopen draft' : 'Close draft'}
          </button>
        </div>
      </section>
      {saved ? (
        <p className={styles.saved} role="status">
          {saved}
        </p>
      ) : null}
    </>
  );
}
