import type { BracketDto } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { formatShortUtc } from '../ui/format';

/** "FR · name", or "Secretariat · name". */
export const who = (delegation: DelegationCode | null, name: string) => (delegation ? `${delegation} · ${name}` : `Secretariat · ${name}`);
export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** How a bracket left the open ones, for the history: "removed by FR · name, time" or "resolved by adoption of ALT 2 (Secretariat · name, time)". */
export function closedBy(b: BracketDto): string {
  const when = b.removedAt ? `, ${formatShortUtc(b.removedAt)} UTC` : '';
  if (b.state === 'resolved') {
    const how = (b.resolution ?? 'Resolved.').replace(/\.$/, '');
    return `${how.charAt(0).toLowerCase()}${how.slice(1)} (Secretariat · ${b.removedBy ?? 'unknown'}${when})`;
  }
  return `removed by ${b.removedByDelegation ? `${b.removedByDelegation} · ` : 'Secretariat · '}${b.removedBy ?? 'unknown'}${when}`;
}
