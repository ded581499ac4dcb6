import type { ConsensusDto } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { RESERVATION_LABELS } from '@/lib/domain/vocabulary';

export type ConsensusState = ConsensusDto['state'];

export const CONSENSUS_LABELS: Record<ConsensusState, string> = {
  consensus: 'Consensus',
  pending: 'Pending',
  blocked: 'Blocked',
};

/** A consensus state in words; colour and the dot's shape repeat the word. */
export function ConsensusBadge({ state }: { state: ConsensusState }) {
  return (
    <span className={`consensus consensus--${state}`} data-consensus={state}>
      {CONSENSUS_LABELS[state]}
    </span>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "AU, NZ" when there are a few, "19 delegations" when there are many. */
function who(codes: readonly DelegationCode[], many: string, max = 3): string {
  return codes.length <= max ? codes.join(', ') : `${codes.length} ${many}`;
}

export interface ConsensusSummary {
  /** One short line, e.g. "Pending: 19 delegations silent, 3 brackets" or "Blocked by DE, BE". */
  short: string;
  /** The same line for use right after a ConsensusBadge, without repeating the state: "19 delegations silent, 3 brackets", "by DE, BE". */
  detail: string;
  /** Everything, every delegation named, for the tooltip. */
  full: string;
}

/** What stands between a clause and consensus, in the words of the secretariat. */
export function summariseConsensus(c: ConsensusDto): ConsensusSummary {
  const staleSet = new Set(c.stale);
  const silent = c.missing.filter((d) => !staleSet.has(d));
  const pendingReservations = c.reservations.filter((r) => r.reservation !== 'substantive');

  const shortParts: string[] = [];
  const fullParts: string[] = [];
  if (silent.length) {
    shortParts.push(`${who(silent, 'delegations')} silent`);
    fullParts.push(`No position from ${silent.join(', ')}`);
  }
  if (c.stale.length) {
    shortParts.push(`${who(c.stale, 'delegations')} on earlier text`);
    fullParts.push(`Given on earlier text, to confirm: ${c.stale.join(', ')}`);
  }
  if (c.adRef.length) {
    shortParts.push(`${who(c.adRef, 'delegations')} ad ref.`);
    fullParts.push(`Ad referendum, pending capitals: ${c.adRef.join(', ')}`);
  }
  if (pendingReservations.length) {
    shortParts.push(
      pendingReservations.length <= 2
        ? pendingReservations.map((r) => `${r.delegation} ${r.reservation} reservation`).join(', ')
        : plural(pendingReservations.length, 'reservation', 'reservations'),
    );
    fullParts.push(`Reservations: ${pendingReservations.map((r) => `${r.delegation} (${RESERVATION_LABELS[r.reservation].toLowerCase()})`).join(', ')}`);
  }
  if (c.openBrackets) {
    // Brackets (typed and recorded) and open alternatives, named apart when the server says which is which.
    const alternatives = c.brackets?.alternatives ?? 0;
    const brackets = c.openBrackets - alternatives;
    if (brackets > 0) shortParts.push(plural(brackets, 'bracket', 'brackets'));
    if (alternatives > 0) shortParts.push(plural(alternatives, 'alternative', 'alternatives'));
    const b = c.brackets;
    const parts = b
      ? [
          b.typed ? `${b.typed} typed` : '',
          b.recorded ? `${b.recorded} recorded` : '',
          b.alternatives ? plural(b.alternatives, 'open alternative', 'open alternatives') : '',
        ].filter(Boolean)
      : [];
    fullParts.push(`${plural(c.openBrackets, 'open bracket or alternative', 'open brackets or alternatives')}${parts.length ? ` (${parts.join(', ')})` : ''}`);
  }

  if (c.state === 'blocked') {
    const detail = `by ${c.objecting.join(', ')}`;
    const objections = c.objecting.map((d) => {
      const substantive = c.reservations.some((r) => r.delegation === d && r.reservation === 'substantive');
      return `${d} (${substantive ? 'substantive reservation' : 'opposes'})`;
    });
    return { short: `Blocked ${detail}`, detail, full: [`Blocked by ${objections.join(', ')}`, ...fullParts].join('\n') };
  }
  if (c.state === 'pending') {
    const detail = shortParts.join(', ');
    return { short: `Pending: ${detail}`, detail, full: fullParts.join('\n') };
  }
  const detail = 'no objection, every position stated';
  return { short: `Consensus: ${detail}`, detail, full: 'Consensus: no objection, nothing pending.' };
}
