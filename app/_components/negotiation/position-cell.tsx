import type { PositionDto } from '@/lib/api/types';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import { POSITION_LABELS, RESERVATION_LABELS } from '@/lib/domain/vocabulary';
import { formatDateTimeUtc } from '@/lib/ui/format-date';

/** The small mark after "R" that says which reservation it is; "!" for the substantive one, which blocks. */
export const RESERVATION_MARKS: Record<Reservation, string> = {
  scrutiny: 's',
  parliamentary: 'p',
  linguistic: 'l',
  substantive: '!',
};

interface Stated {
  position: Position;
  reservation?: Reservation;
}

/** "Support", "Scrutiny reservation", … */
export function positionLabel({ position, reservation }: Stated): string {
  if (position === 'reservation' && reservation) return RESERVATION_LABELS[reservation];
  return POSITION_LABELS[position].label;
}

/** The modifier that picks a cell's colour: the position, or `substantive` for a blocking reservation. */
function tone({ position, reservation }: Stated): string {
  return position === 'reservation' && reservation === 'substantive' ? 'substantive' : position;
}

/** The letters of a position, readable without colour: "S", "Ab", "Rs", "R!". */
export function positionLetters({ position, reservation }: Stated): string {
  const letter = POSITION_LABELS[position].letter;
  return position === 'reservation' && reservation ? `${letter}${RESERVATION_MARKS[reservation]}` : letter;
}

interface PositionMarkProps extends Stated {
  stale?: boolean;
  /** `large` for the delegation's own position on "My delegation"; the matrix uses the default. */
  size?: 'default' | 'large';
}

/** A position as a coloured chip with its letter(s); hatched and outlined when given on earlier text. */
export function PositionMark({ position, reservation, stale = false, size = 'default' }: PositionMarkProps) {
  const letter = POSITION_LABELS[position].letter;
  return (
    <span
      className={`pmark pmark--${tone({ position, reservation })}${stale ? ' pmark--stale' : ''}${size === 'large' ? ' pmark--large' : ''}`}
      aria-hidden="true"
    >
      {letter}
      {position === 'reservation' && reservation ? <span className="pmark__kind">{RESERVATION_MARKS[reservation]}</span> : null}
    </span>
  );
}

/** The tooltip of a cell: who, what, why, by whom and when, and whether it still holds on the current text. */
export function describePosition(code: DelegationCode, name: string, position: PositionDto, stale: boolean): string {
  const lines = [`${code} · ${name}`, positionLabel(position)];
  if (position.note) lines.push(`“${position.note}”`);
  lines.push(
    `Set by ${position.updatedBy}${position.statedBy ? ` (${position.statedBy} for ${code}, under mandate)` : ''}, ${formatDateTimeUtc(position.updatedAt)}`,
  );
  if (stale) lines.push('Given on earlier text: the clause has changed since. Not yet confirmed on the current text.');
  return lines.join('\n');
}

interface PositionCellProps {
  delegation: DelegationCode;
  /** The delegation's full name, for the tooltip. */
  name: string;
  position: PositionDto | undefined;
  stale: boolean;
  /** The column picked in "Pending on delegation". */
  highlight: boolean;
  /** The matrix's one tab stop is here; every other cell is focused with the arrow keys only. */
  tabStop?: boolean;
}

/**
 * One cell of the dashboard matrix. Deliberately light (a `<td>` and a `<span>`, a
 * native tooltip, no hooks): the matrix can hold thousands of them.
 */
export function PositionCell({ delegation, name, position, stale, highlight, tabStop = false }: PositionCellProps) {
  const hl = highlight ? ' is-highlighted' : '';
  if (!position) {
    return (
      <td
        className={`pcell pcell--empty${hl}`}
        data-testid="position-cell"
        data-delegation={delegation}
        data-position=""
        data-stale="false"
        title={`${delegation} · ${name}\nNo position yet`}
        tabIndex={tabStop ? 0 : -1}
      >
        <span className="visually-hidden">No position yet</span>
      </td>
    );
  }
  return (
    <td
      className={`pcell${hl}`}
      data-testid="position-cell"
      data-delegation={delegation}
      data-position={position.position}
      data-reservation={position.reservation}
      data-stale={stale ? 'true' : 'false'}
      title={describePosition(delegation, name, position, stale)}
      data-stated-by={position.statedBy}
      tabIndex={tabStop ? 0 : -1}
    >
      <PositionMark position={position.position} reservation={position.reservation} stale={stale} />
      <span className="visually-hidden">
        {positionLabel(position)}
        {stale ? ', given on earlier text' : ''}
      </span>
    </td>
  );
}
