/** Mandates (proxies) given and revoked, from the audit log: "PL for HU". */
import { or, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { auditEvents, numbersOf, str, type TimelineSource } from './source';

export const mandateSource: TimelineSource = {
  name: 'mandate',
  kind: 'mandate',
  async read(request) {
    const { query, numberOf } = request;
    const { rows, people } = await auditEvents(
      request,
      ['mandate.given', 'mandate.revoked'],
      [
        // A mandate on every clause (no clauseIds) concerns every clause.
        query.clauseId
          ? sql`(jsonb_typeof(${auditLog.details}->'clauseIds') is distinct from 'array' or ${auditLog.details}->'clauseIds' ? ${query.clauseId})`
          : undefined,
        query.delegation ? or(sql`${auditLog.details}->>'from' = ${query.delegation}`, sql`${auditLog.details}->>'to' = ${query.delegation}`) : undefined,
      ],
    );
    return rows.map((a) => {
      const d = a.details as Record<string, unknown>;
      const ids = Array.isArray(d.clauseIds) ? (d.clauseIds as string[]) : null;
      return {
        kind: 'mandate' as const,
        source: 'mandate' as const,
        id: a.id,
        at: a.at.toISOString(),
        actor: a.actorId ? (people.get(a.actorId) ?? null) : null,
        event: a.action === 'mandate.revoked' ? ('revoked' as const) : ('given' as const),
        from: str(d.from) ?? '?',
        to: str(d.to) ?? '?',
        clauseNumbers: ids ? numbersOf(numberOf, ids) : null,
        until: str(d.until),
        breakSilence: d.breakSilence === true,
        byLetter: d.byLetter === true,
      };
    });
  },
};
