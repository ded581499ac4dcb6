/** Numbered revisions cut by the secretariat. */
import { and, desc, eq } from 'drizzle-orm';
import { revisions } from '../../db/schema';
import { toRevisionDto } from '../context';
import { actor, type TimelineSource } from './source';

export const revisionSource: TimelineSource = {
  name: 'revision',
  kind: 'revision',
  withoutDelegation: true,
  async read({ ctx, draftId, take, before, within }) {
    const rows = await ctx.db
      .select({
        id: revisions.id,
        number: revisions.number,
        note: revisions.note,
        createdAt: revisions.createdAt,
        createdByName: revisions.createdByName,
        upToId: revisions.upToId,
      })
      .from(revisions)
      .where(and(eq(revisions.draftId, draftId), before(revisions.createdAt, revisions.id), ...within(revisions.createdAt)))
      .orderBy(desc(revisions.createdAt), desc(revisions.id))
      .limit(take);
    return rows.map((r) => ({
      kind: 'revision' as const,
      source: 'revision' as const,
      id: r.id,
      at: r.createdAt.toISOString(),
      actor: actor(r.createdByName ?? 'Secretariat', null, 'secretariat'),
      revision: toRevisionDto(r),
    }));
  },
};
