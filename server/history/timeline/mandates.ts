/** Mandates (proxies) given and revoked, from the audit log: "PL for HU". */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { actorsById, type TimelineSource } from './source';

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const mandateSource: TimelineSource = {
  name: 'mandate',
  kind: 'mandate',
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.draftId, draftId),
          inArray(auditLog.action, ['mandate.given', 'mandate.revoked']),
          before(auditLog.at, auditLog.id),
          ...within(auditLog.at),
          // A mandate on every clause (no clauseIds) concerns every clause.
          query.clauseId
            ? sql`(jsonb_typeof(${auditLog.details}->'clauseIds') is distinct from 'array' or ${auditLog.details}->'clauseIds' ? ${query.clauseId})`
            : undefined,
          query.delegation ? or(sql`${auditLog.details}->>'from' = ${query.delegation}`, sql`${auditLog.details}->>'to' = ${query.delegation}`) : undefined,
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(take);
    const people = await actorsById(
      ctx,
      rows.map((a) => a.actorId),
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
        clauseNumbers: ids
          ? ids
              .map((id) => numberOf.get(id))
              .filter((n): n is number => n !== undefined)
              .sort((x, y) => x - y)
          : null,
        until: str(d.until),
        breakSilence: d.breakSilence === true,
        byLetter: d.byLetter === true,
      };
    });
  },
};
