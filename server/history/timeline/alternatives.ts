/** Alternative wordings: proposed, backed or no longer backed, withdrawn, adopted, archived. */
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alternatives, auditLog } from '../../db/schema';
import { actor, actorsById, auditEvents, type TimelineSource } from './source';

export const alternativeProposedSource: TimelineSource = {
  name: 'alternative-proposed',
  kind: 'alternative',
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(alternatives)
      .where(
        and(
          eq(alternatives.draftId, draftId),
          before(alternatives.proposedAt, alternatives.id),
          ...within(alternatives.proposedAt),
          query.clauseId ? eq(alternatives.clauseId, query.clauseId) : undefined,
          query.delegation ? eq(alternatives.delegationCode, query.delegation) : undefined,
        ),
      )
      .orderBy(desc(alternatives.proposedAt), desc(alternatives.id))
      .limit(take);
    return rows.map((a) => ({
      kind: 'alternative' as const,
      source: 'alternative-proposed' as const,
      id: a.id,
      at: a.proposedAt.toISOString(),
      actor: actor(a.proposedByName, a.delegationCode, a.delegationCode ? 'delegate' : 'secretariat'),
      clauseId: a.clauseId,
      clauseNumber: numberOf.get(a.clauseId) ?? null,
      number: a.number,
      event: 'proposed' as const,
      delegation: a.delegationCode,
      text: a.body,
    }));
  },
};

export const alternativeDecidedSource: TimelineSource = {
  name: 'alternative-decided',
  kind: 'alternative',
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(alternatives)
      .where(
        and(
          eq(alternatives.draftId, draftId),
          inArray(alternatives.state, ['withdrawn', 'adopted', 'archived']),
          isNotNull(alternatives.decidedAt),
          before(alternatives.decidedAt, alternatives.id),
          ...within(alternatives.decidedAt),
          query.clauseId ? eq(alternatives.clauseId, query.clauseId) : undefined,
          query.delegation ? eq(alternatives.delegationCode, query.delegation) : undefined,
        ),
      )
      .orderBy(desc(alternatives.decidedAt), desc(alternatives.id))
      .limit(take);
    const people = await actorsById(
      ctx,
      rows.map((a) => a.decidedBy),
    );
    return rows.map((a) => ({
      kind: 'alternative' as const,
      source: 'alternative-decided' as const,
      id: a.id,
      at: a.decidedAt!.toISOString(),
      actor: (a.decidedBy ? people.get(a.decidedBy) : undefined) ?? actor(a.decidedByName, null, null),
      clauseId: a.clauseId,
      clauseNumber: numberOf.get(a.clauseId) ?? null,
      number: a.number,
      event: a.state as 'withdrawn' | 'adopted' | 'archived',
      delegation: a.delegationCode,
      text: a.decisionNote,
    }));
  },
};

/** Backing and unbacking, from the audit log (a backing row is replaced or deleted; the log keeps each move). */
export const alternativeBackingSource: TimelineSource = {
  name: 'alternative-backing',
  kind: 'alternative',
  async read(request) {
    const { ctx, query, numberOf } = request;
    const { rows, people } = await auditEvents(
      request,
      ['alternative.backed', 'alternative.unbacked'],
      [
        query.clauseId ? sql`${auditLog.details}->>'clauseId' = ${query.clauseId}` : undefined,
        query.delegation ? sql`${auditLog.details}->>'delegation' = ${query.delegation}` : undefined,
      ],
    );
    const altIds = [...new Set(rows.map((r) => (r.details as { alternativeId?: unknown }).alternativeId).filter((id): id is string => typeof id === 'string'))];
    const numbers = altIds.length
      ? await ctx.db.select({ id: alternatives.id, number: alternatives.number }).from(alternatives).where(inArray(alternatives.id, altIds))
      : [];
    const numberOfAlt = new Map(numbers.map((n) => [n.id, n.number]));
    return rows.map((r) => {
      const d = r.details as { alternativeId?: string; clauseId?: string; delegation?: string };
      const clauseId = d.clauseId ?? '';
      return {
        kind: 'alternative' as const,
        source: 'alternative-backing' as const,
        id: r.id,
        at: r.at.toISOString(),
        actor: (r.actorId ? people.get(r.actorId) : undefined) ?? actor(r.actorEmail, d.delegation, 'delegate'),
        clauseId,
        clauseNumber: numberOf.get(clauseId) ?? null,
        number: d.alternativeId ? (numberOfAlt.get(d.alternativeId) ?? null) : null,
        event: r.action === 'alternative.backed' ? ('backed' as const) : ('unbacked' as const),
        delegation: d.delegation ?? null,
        text: null,
      };
    });
  },
};
