'use client';

import { useId, useState, type FormEvent } from 'react';
import type { ClauseSummary, PositionDto } from '@/lib/api/types';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import { POSITION_LABELS, POSITIONS, RESERVATION_LABELS, RESERVATIONS } from '@/lib/domain/vocabulary';
import { putPosition } from './negotiation-api';

interface PositionFormProps {
  draftId: string;
  clause: ClauseSummary;
  delegation: DelegationCode;
  /** The delegation's current position, to start from. Give the form a `key` that changes with it. */
  current?: PositionDto;
  onSaved: (position: PositionDto) => void;
}

/** Positions in the order a delegate weighs them; "no position" last. */
const CHOICES: readonly Position[] = POSITIONS;

/**
 * The compact form to state the delegation's position on one clause: position, the
 * kind of reservation when it is one, an optional explanation of position, Save.
 * The server's refusal (e.g. a withdrawn clause) is shown under the form in its words.
 */
export function PositionForm({ draftId, clause, delegation, current, onSaved }: PositionFormProps) {
  const id = useId();
  const [position, setPosition] = useState<Position | ''>(current?.position ?? '');
  const [reservation, setReservation] = useState<Reservation | ''>(current?.reservation ?? '');
  const [note, setNote] = useState(current?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!position) {
      setError('Choose a position first.');
      return;
    }
    if (position === 'reservation' && !reservation) {
      setError('Choose which reservation: scrutiny, parliamentary, linguistic or substantive.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await putPosition(draftId, clause.id, delegation, {
        position,
        reservation: position === 'reservation' && reservation ? reservation : undefined,
        note,
      });
      onSaved(saved);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The position could not be saved.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="pform"
      data-testid="position-form"
      data-clause-number={clause.number}
      onSubmit={submit}
      aria-label={`Our position on clause ${clause.number}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <div className="pform__field">
        <label htmlFor={`${id}-position`}>Position</label>
        <select
          id={`${id}-position`}
          value={position}
          onChange={(e) => {
            setPosition(e.target.value as Position | '');
            setError(null);
          }}
        >
          {position === '' ? (
            <option value="" disabled>
              Choose…
            </option>
          ) : null}
          {CHOICES.map((p) => (
            <option key={p} value={p}>
              {POSITION_LABELS[p].label}
            </option>
          ))}
        </select>
      </div>
      {position === 'reservation' ? (
        <div className="pform__field">
          <label htmlFor={`${id}-reservation`}>Reservation</label>
          <select
            id={`${id}-reservation`}
            value={reservation}
            onChange={(e) => {
              setReservation(e.target.value as Reservation | '');
              setError(null);
            }}
          >
            {reservation === '' ? (
              <option value="" disabled>
                Choose…
              </option>
            ) : null}
            {RESERVATIONS.map((r) => (
              <option key={r} value={r}>
                {RESERVATION_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="pform__field pform__field--note">
        <label htmlFor={`${id}-note`}>
          Explanation of position <span className="pform__optional">(optional)</span>
        </label>
        <input id={`${id}-note`} type="text" value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
      </div>
      <button type="submit" className="button button--primary button--small pform__save" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      {error ? (
        <p className="pform__error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </form>
  );
}
