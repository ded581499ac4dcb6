'use client';

import { useId, useState, type FormEvent } from 'react';
import type { ClauseSummary, PositionDto } from '@/lib/api/types';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import { putPosition } from './negotiation-api';
import { PositionFields, positionChoice } from './position-fields';

interface PositionFormProps {
  draftId: string;
  clause: ClauseSummary;
  delegation: DelegationCode;
  /** The delegation's current position, to start from. Give the form a `key` that changes with it. */
  current?: PositionDto;
  onSaved: (position: PositionDto) => void;
}

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
    const choice = positionChoice(position, reservation, note);
    if ('error' in choice) {
      setError(choice.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await putPosition(draftId, clause.id, delegation, choice.input);
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
      <PositionFields
        id={id}
        fieldClassName="pform__field"
        position={position}
        reservation={reservation}
        onPositionChange={(p) => {
          setPosition(p);
          setError(null);
        }}
        onReservationChange={(r) => {
          setReservation(r);
          setError(null);
        }}
      />
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
