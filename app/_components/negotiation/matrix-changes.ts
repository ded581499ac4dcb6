/**
 * What changed in the consensus matrix between two states, in words for a screen reader.
 * The dashboard announces changes politely and in batches (`useBatchedAnnouncement`):
 * changes that arrive together are one announcement, so 22 position changes are one
 * interruption, not 22. Pure functions, unit-tested.
 */
import { CLAUSE_STATUS_LABELS, type ClauseStatus, type DelegationCode } from '@/lib/domain/vocabulary';
import type { NegotiationData } from './negotiation-state';
import { positionLabel } from './position-cell';

/** One change to announce. `key` identifies the cell (or the clause's status) so a later change replaces an earlier one. */
export interface MatrixChange {
  key: string;
  clause: number;
  /** The delegation whose position changed; absent for a change of the clause's status. */
  delegation?: DelegationCode;
  /** "Support", "Scrutiny reservation", "no position", or the clause's new status. */
  words: string;
}

/** The changes from `before` to `after` on the clauses in `clauseNumbers` (by clause id), in clause order. */
export function matrixChanges(before: NegotiationData, after: NegotiationData, clauseNumbers: ReadonlyMap<string, number>): MatrixChange[] {
  const changes: MatrixChange[] = [];
  for (const [clauseId, clause] of clauseNumbers) {
    const was = before.positions.get(clauseId);
    const now = after.positions.get(clauseId);
    if (was !== now) {
      const codes = new Set([...(was?.keys() ?? []), ...(now?.keys() ?? [])]);
      for (const code of [...codes].sort()) {
        const a = was?.get(code);
        const b = now?.get(code);
        if (a?.position === b?.position && a?.reservation === b?.reservation && a?.updatedAt === b?.updatedAt) continue;
        changes.push({ key: `${clauseId}:${code}`, clause, delegation: code, words: b ? positionLabel(b) : 'no position' });
      }
    }
    const statusBefore = before.statuses.get(clauseId)?.status;
    const statusAfter = after.statuses.get(clauseId)?.status;
    if (statusAfter && statusBefore !== statusAfter) {
      changes.push({ key: `${clauseId}:status`, clause, words: CLAUSE_STATUS_LABELS[statusAfter as ClauseStatus] });
    }
  }
  return changes.sort((x, y) => x.clause - y.clause);
}

/** Merges a new batch into pending changes: a later change of the same cell replaces the earlier one. */
export function mergeChanges(pending: readonly MatrixChange[], next: readonly MatrixChange[]): MatrixChange[] {
  const byKey = new Map(pending.map((c) => [c.key, c]));
  for (const change of next) {
    byKey.delete(change.key);
    byKey.set(change.key, change);
  }
  return [...byKey.values()];
}

/** Up to this many changes are read out one by one; more are summarised. */
const SPELLED_OUT = 3;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One sentence for a batch: each change when there are few, else how many, on how many clauses, by whom. */
export function announce(changes: readonly MatrixChange[]): string {
  if (changes.length === 0) return '';
  if (changes.length <= SPELLED_OUT) {
    return changes.map((c) => (c.delegation ? `${c.delegation}: ${c.words} on clause ${c.clause}.` : `Clause ${c.clause} is now ${c.words}.`)).join(' ');
  }
  const positions = changes.filter((c) => c.delegation);
  const statuses = changes.length - positions.length;
  const clauses = new Set(positions.map((c) => c.clause)).size;
  const who = [...new Set(positions.map((c) => c.delegation))].sort();
  const parts: string[] = [];
  if (positions.length > 0) {
    parts.push(`${plural(positions.length, 'position', 'positions')} changed on ${plural(clauses, 'clause', 'clauses')} (${who.join(', ')}).`);
  }
  if (statuses > 0) parts.push(`${plural(statuses, 'clause changed status', 'clauses changed status')}.`);
  return parts.join(' ');
}
