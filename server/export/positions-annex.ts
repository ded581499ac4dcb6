/**
 * The positions annex of an exported draft, built from what the negotiation service
 * reports: for each clause, every participating delegation's position (or "no position
 * yet"), and where consensus stands in one sentence. Pure.
 */
import type { ConsensusDto, DelegationSummary, PositionDto } from '@/lib/api/types';
import { RESERVATION_LABELS } from '@/lib/domain/vocabulary';
import type { ExportAnnexClause } from './types';

/** Where consensus on a clause stands, every delegation named, as printed in the annex. */
export function consensusLine(c: ConsensusDto | undefined): string {
  if (!c) return 'Consensus not computed.';
  const staleSet = new Set(c.stale);
  const silent = c.missing.filter((d) => !staleSet.has(d));
  const pending: string[] = [];
  if (silent.length) pending.push(`no position yet from ${silent.join(', ')}`);
  if (c.stale.length) pending.push(`given on earlier text, to confirm: ${c.stale.join(', ')}`);
  if (c.adRef.length) pending.push(`ad referendum, pending capitals: ${c.adRef.join(', ')}`);
  const reservations = c.reservations.filter((r) => r.reservation !== 'substantive');
  if (reservations.length)
    pending.push(`reservations: ${reservations.map((r) => `${r.delegation} (${RESERVATION_LABELS[r.reservation].toLowerCase()})`).join(', ')}`);
  if (c.openBrackets) pending.push(`${c.openBrackets} open ${c.openBrackets === 1 ? 'bracket or alternative' : 'brackets or alternatives'}`);

  if (c.state === 'blocked') {
    const objections = c.objecting.map((d) =>
      c.reservations.some((r) => r.delegation === d && r.reservation === 'substantive') ? `${d} (substantive reservation)` : `${d} (opposes)`,
    );
    return `Blocked by ${objections.join(', ')}${pending.length ? `; also pending: ${pending.join('; ')}` : ''}.`;
  }
  if (c.state === 'pending') return `Pending: ${pending.join('; ')}.`;
  return 'Consensus: no objection, every position stated.';
}

export interface AnnexSource {
  clauses: Array<{ id: string; number: number; title: string; status: string }>;
  delegations: DelegationSummary[];
  positions: PositionDto[];
  consensus: ConsensusDto[];
}

/**
 * One entry per clause that is not withdrawn, in order, listing every participating
 * delegation (observers state no positions) by code.
 */
export function buildPositionsAnnex(source: AnnexSource): ExportAnnexClause[] {
  const participants = source.delegations.filter((d) => d.participation === 'participant').sort((a, b) => a.code.localeCompare(b.code));
  const byClause = new Map<string, Map<string, PositionDto>>();
  for (const p of source.positions) {
    let m = byClause.get(p.clauseId);
    if (!m) byClause.set(p.clauseId, (m = new Map()));
    m.set(p.delegation, p);
  }
  const consensus = new Map(source.consensus.map((c) => [c.clauseId, c]));
  return source.clauses
    .filter((c) => c.status !== 'withdrawn')
    .map((clause) => ({
      number: clause.number,
      title: clause.title,
      consensus: consensusLine(consensus.get(clause.id)),
      positions: participants.map((d) => {
        const p = byClause.get(clause.id)?.get(d.code);
        return {
          delegation: d.code,
          delegationName: d.name,
          position: p?.position ?? 'none',
          reservation: p?.reservation ?? null,
          stale: p?.stale ?? false,
          note: p?.note ?? null,
          ...(p?.statedBy ? { statedBy: p.statedBy } : {}),
        };
      }),
    }));
}
