'use client';

import type { Position, Reservation } from '@/lib/domain/vocabulary';
import { POSITION_LABELS, POSITIONS, RESERVATION_LABELS, RESERVATIONS } from '@/lib/domain/vocabulary';
import { setPositionSchema } from '@/lib/requests/position';
import type { PositionInput } from './negotiation-api';

interface PositionFieldsProps {
  /** The form's `useId()`: the selects are `${id}-position` and `${id}-reservation`. */
  id: string;
  /** The class of each field's wrapper (`pform__field`, `cpform__field`). */
  fieldClassName: string;
  position: Position | '';
  reservation: Reservation | '';
  onPositionChange: (position: Position | '') => void;
  onReservationChange: (reservation: Reservation | '') => void;
  /** `aria-describedby` of the Position select (e.g. the hint under it). */
  positionDescribedBy?: string;
}

/**
 * The selects both position forms share (My delegation, the draft room): **Position**, then
 * **Reservation** only while the position is `reservation`. Both start on a disabled "Choose…"
 * until something is chosen; option values are the vocabulary's identifiers.
 */
export function PositionFields({ id, fieldClassName, position, reservation, onPositionChange, onReservationChange, positionDescribedBy }: PositionFieldsProps) {
  return (
    <>
      <div className={fieldClassName}>
        <label htmlFor={`${id}-position`}>Position</label>
        <select
          id={`${id}-position`}
          value={position}
          onChange={(e) => onPositionChange(e.target.value as Position | '')}
          aria-describedby={positionDescribedBy}
        >
          {position === '' ? (
            <option value="" disabled>
              Choose…
            </option>
          ) : null}
          {POSITIONS.map((p) => (
            <option key={p} value={p}>
              {POSITION_LABELS[p].label}
            </option>
          ))}
        </select>
      </div>
      {position === 'reservation' ? (
        <div className={fieldClassName}>
          <label htmlFor={`${id}-reservation`}>Reservation</label>
          <select id={`${id}-reservation`} value={reservation} onChange={(e) => onReservationChange(e.target.value as Reservation | '')}>
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
    </>
  );
}

/**
 * The client's check before saving, shared by both forms: what is still missing, in words,
 * or the position to send (the reservation only on a reservation).
 */
export function positionChoice(position: Position | '', reservation: Reservation | '', note: string): { error: string } | { input: PositionInput } {
  if (!position) return { error: 'Choose a position first.' };
  if (position === 'reservation' && !reservation) return { error: 'Choose which reservation: scrutiny, parliamentary, linguistic or substantive.' };
  const input = { position, reservation: position === 'reservation' && reservation ? reservation : undefined, note: note || undefined };
  // The server's own schema, so the form refuses what the server would (length, control characters).
  const checked = setPositionSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      error: issue.path.length ? `The ${issue.path.join('.') === 'note' ? 'explanation' : issue.path.join('.')} ${issue.message}.` : `${issue.message}.`,
    };
  }
  return { input: checked.data };
}
