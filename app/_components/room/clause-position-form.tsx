'use client';

import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PositionDto } from '@/lib/api/types';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import { putPosition } from '../negotiation/negotiation-api';
import { PositionFields, positionChoice } from '../negotiation/position-fields';

interface ClausePositionFormProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  delegation: DelegationCode;
  /** Our current position, to start from; the fields follow it when it changes (e.g. set by a colleague). */
  current?: PositionDto;
  onSaved: (position: PositionDto) => void;
}

/** What each position means, under the select, so nobody has to guess the vocabulary. */
const HINTS: Record<Position, string> = {
  support: 'We agree with the text as it stands.',
  can_live_with: 'Not our preference, but acceptable: we do not stand in the way.',
  ad_ref: 'We agree ad referendum, pending confirmation from our capital. Consensus waits for it.',
  reservation: 'We hold a reservation. Scrutiny, parliamentary and linguistic ones leave the clause pending; a substantive one blocks it.',
  interpretative_statement: 'We join consensus with a statement placed on record: give it as the explanation.',
  abstain: 'We stand aside and do not object.',
  oppose: 'We cannot join consensus: this blocks the clause.',
  none: 'We have not stated a position: consensus waits for us.',
};

/**
 * "Our position" on one clause, inside the clause: position, the kind of reservation
 * when it is one, an optional explanation of position, Save position. The server's
 * refusal is shown under the form in its own words.
 */
export function ClausePositionForm({ draftId, clauseId, clauseNumber, delegation, current, onSaved }: ClausePositionFormProps) {
  const id = useId();
  const [position, setPosition] = useState<Position | ''>(current?.position ?? '');
  const [reservation, setReservation] = useState<Reservation | ''>(current?.reservation ?? '');
  const [note, setNote] = useState(current?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  // When our position changes under the form (saved here, or by a colleague elsewhere), start again from it.
  const currentKey = current ? `${current.updatedAt}|${current.position}|${current.reservation ?? ''}|${current.note ?? ''}` : '';
  const [syncedKey, setSyncedKey] = useState(currentKey);
  if (currentKey !== syncedKey) {
    setSyncedKey(currentKey);
    setPosition(current?.position ?? '');
    setReservation(current?.reservation ?? '');
    setNote(current?.note ?? '');
  }

  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), 4000);
    return () => clearTimeout(timer);
  }, [saved]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const choice = positionChoice(position, reservation, note);
    if ('error' in choice) {
      setError(choice.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await putPosition(draftId, clauseId, delegation, choice.input);
      setSaved(true);
      onSaved(result);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The position could not be saved.');
    } finally {
      setBusy(false);
    }
  }

  const clear = () => {
    setError(null);
    setSaved(false);
  };

  return (
    <form
      className="cpform"
      data-testid="position-form"
      data-clause-number={clauseNumber}
      onSubmit={submit}
      aria-label={`Our position on clause ${clauseNumber}`}
    >
      <div className="cpform__row">
        <PositionFields
          id={id}
          fieldClassName="cpform__field"
          position={position}
          reservation={reservation}
          onPositionChange={(p) => {
            setPosition(p);
            clear();
          }}
          onReservationChange={(r) => {
            setReservation(r);
            clear();
          }}
          positionDescribedBy={position ? `${id}-hint` : undefined}
        />
      </div>
      {position ? (
        <p className="cpform__hint" id={`${id}-hint`}>
          {position === 'reservation' && reservation === 'substantive'
            ? 'A substantive reservation means we cannot accept the wording as it stands: it blocks the clause.'
            : HINTS[position]}
        </p>
      ) : null}
      <div className="cpform__field">
        <label htmlFor={`${id}-note`}>
          Explanation of position <span className="cpform__optional">(optional)</span>
        </label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          maxLength={4000}
          onChange={(e) => {
            setNote(e.target.value);
            clear();
          }}
        />
      </div>
      <div className="cpform__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {busy ? 'Saving…' : 'Save position'}
        </button>
        <span className="cpform__saved" role="status">
          {saved ? 'Saved. Everyone sees it now.' : ''}
        </span>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
