'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import type { PositionDto } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { compareHref } from '../history/history-api';
import { markEditorial, putPosition } from '../negotiation/negotiation-api';
import { positionLabel } from '../negotiation/position-cell';

interface OurStaleNoticeProps {
  draftId: string;
  clauseId: string;
  delegation: DelegationCode;
  /** Our position, given on earlier text. */
  position: PositionDto;
  onSaved: (position: PositionDto) => void;
  onChange: () => void;
}

/** "Given on earlier text — confirm on the current text", with what changed since and the two ways out. */
export function OurStaleNotice({ draftId, clauseId, delegation, position, onSaved, onChange }: OurStaleNoticeProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (confirming) return;
    setConfirming(true);
    setError(null);
    try {
      onSaved(await putPosition(draftId, clauseId, delegation, { position: position.position, reservation: position.reservation, note: position.note }));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The position could not be confirmed.');
    } finally {
      setConfirming(false);
    }
  }

  return (
    <div className="cneg__stale" data-testid="stale-notice" role="note">
      <p>
        <strong>Given on earlier text — confirm on the current text.</strong> Our position ({positionLabel(position).toLowerCase()}) was stated before the
        clause changed.{' '}
        <Link href={compareHref(draftId, `log:${position.logId}`, 'now', clauseId)} data-testid="stale-compare">
          See what changed
        </Link>
      </p>
      <div className="cneg__stale-actions">
        <button type="button" className="button button--secondary button--small" onClick={confirm} disabled={confirming}>
          {confirming ? 'Confirming…' : 'Confirm'}
        </button>
        <button type="button" className="linkish" onClick={onChange}>
          Change it
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface EditorialControlProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  /** Delegations whose position on the clause is given on earlier text. */
  stale: readonly DelegationCode[];
  onSaved: (position: PositionDto) => void;
}

/**
 * For the secretariat, when positions on the clause are given on earlier text: mark the
 * edits since editorial (a typo, a reference) so that those positions stay current.
 * Recorded with the note and audited on the server.
 */
export function EditorialControl({ draftId, clauseId, clauseNumber, stale, onSaved }: EditorialControlProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await markEditorial(draftId, clauseId, note);
      for (const p of result.positions) onSaved(p);
      setDone(result.rebased.length ? `Marked editorial: ${result.rebased.join(', ')} kept current.` : 'Marked editorial.');
      setOpen(false);
      setNote('');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The edit could not be marked editorial.');
    } finally {
      setBusy(false);
    }
  }

  if (stale.length === 0) {
    return done ? (
      <p className="cneg__editorial cneg__editorial--done" role="status" data-testid="editorial-done">
        {done}
      </p>
    ) : null;
  }

  const count = `${stale.length} ${stale.length === 1 ? 'position' : 'positions'}`;
  return (
    <div className="cneg__editorial" data-testid="editorial" data-stale={stale.join(' ')}>
      <p>
        <strong>{count} given on earlier text</strong> ({stale.join(', ')}).{' '}
        {open ? null : (
          <button type="button" className="linkish" onClick={() => setOpen(true)} data-testid="editorial-open">
            Mark the edits editorial
          </button>
        )}
      </p>
      {open ? (
        <form className="cneg__editorial-form" onSubmit={submit} data-testid="editorial-form">
          <label htmlFor={`${id}-note`}>What was corrected (recorded; optional)</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. typo fixed in clause heading"
            autoFocus
          />
          <p className="cneg__editorial-hint">
            For corrections that change no meaning: the {count} on clause {clauseNumber} stay current, and the mark is recorded in the audit log and the
            timeline.
          </p>
          <div className="button-row">
            <button type="submit" className="button button--secondary button--small" disabled={busy}>
              {busy ? 'Marking…' : 'Mark editorial'}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
