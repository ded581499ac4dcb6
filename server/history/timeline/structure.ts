/**
 * Changes of the clause structure (added, renamed, moved, split, merged). Withdrawing and
 * reinstating are status changes: the decision source lists them, not this one.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { structureChanges } from '../../db/schema';
import { actor, actorsById, numbersOf, type TimelineSource } from './source';

const KINDS = ['added', 'renamed', 'moved', 'split', 'merged'] as const;

/** Every clause id a change names (the clause, the second half of a split, the clause merged away, the clauses moved). */
function idsOf(clauseId: string | null, details: Record<string, unknown>): string[] {
  const ids = new Set<string>(clauseId ? [clauseId] : []);
  for (const key of ['secondId', 'mergedId'] as const) if (typeof details[key] === 'string') ids.add(details[key]);
  if (Array.isArray(details.clauseIds)) for (const id of details.clauseIds) if (typeof id === 'string') ids.add(id);
  return [...ids];
}

export const structureSource: TimelineSource = {
  name: 'structure',
  kind: 'structure',
  withoutDelegation: true,
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(structureChanges)
      .where(
        and(
          eq(structureChanges.draftId, draftId),
          inArray(structureChanges.kind, [...KINDS]),
          before(structureChanges.at, structureChanges.id),
          ...within(structureChanges.at),
          query.clauseId
            ? sql`(${structureChanges.clauseId} = ${query.clauseId} or ${structureChanges.details}->>'secondId' = ${query.clauseId} or ${structureChanges.details}->>'mergedId' = ${query.clauseId} or ${structureChanges.details}->'clauseIds' ? ${query.clauseId})`
            : undefined,
        ),
      )
      .orderBy(desc(structureChanges.at), desc(structureChanges.id))
      .limit(take);
    const people = await actorsById(
      ctx,
      rows.map((r) => r.byUserId),
    );
    return rows.map((r) => ({
      kind: 'structure' as const,
      source: 'structure' as const,
      id: r.id,
      at: r.at.toISOString(),
      actor: (r.byUserId ? people.get(r.byUserId) : undefined) ?? actor(r.byName, null, 'secretariat'),
      change: r.kind,
      clauseId: r.clauseId,
      clauseNumbers: numbersOf(numberOf, idsOf(r.clauseId, r.details)),
      details: r.details,
    }));
  },
};
