/** Restoring earlier text (secretariat): applied to the live room as a new forward edit. */
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import type { ResolvedPointDto, RestoreResultDto } from '@/lib/history/types';
import { writeAudit } from '../audit/audit-log';
import type { ChangeOrigin } from '../collab/draft-room';
import { forbidden, notFound, type HistoryContext } from './context';
import { refuseRestoreAcrossStructure } from './structure-at';
import { restoreFragment, sameContent } from './restore-fragment';

export function createRestoreUseCase(ctx: HistoryContext) {
  const { db, drafts, registry, indexer, publisher } = ctx;

  async function restore(identity: Identity, draftId: string, input: { to: string; clauseId?: string }): Promise<RestoreResultDto> {
    await drafts.requireAccess(identity, draftId);
    if (identity.role !== 'secretariat') throw forbidden('Only the secretariat restores earlier text.');
    const point = await ctx.resolveRaw(draftId, input.to);
    if (point.spec !== 'now') await refuseRestoreAcrossStructure(db, draftId, point.logId, point.label);
    const clauses = await ctx.clauseList(draftId);
    const targets = input.clauseId ? clauses.filter((c) => c.id === input.clauseId) : clauses.filter((c) => c.status !== 'withdrawn');
    if (input.clauseId && targets.length === 0) throw notFound('No such clause in this draft.');
    const room = await registry.acquire(draftId);
    // A point just before the edit, for "see the change" (compare it with now).
    const before = new Date(Date.now() - 1);
    try {
      const result = await ctx.withDocAt(draftId, point, async (old) => {
        const restored: Array<{ clauseId: string; number: number | null }> = [];
        const unchanged: Array<{ clauseId: string; number: number | null }> = [];
        for (const c of targets) {
          const live = room.doc.getXmlFragment(clauseField(c.id));
          const target = old.getXmlFragment(clauseField(c.id));
          if (sameContent(live, target)) unchanged.push({ clauseId: c.id, number: c.number });
          else restored.push({ clauseId: c.id, number: c.number });
        }
        if (restored.length > 0) {
          const origin: ChangeOrigin = { conn: null, userId: identity.userId, delegation: identity.delegation, clauseIds: restored.map((r) => r.clauseId) };
          Y.transact(
            room.doc,
            () => {
              for (const r of restored) restoreFragment(room.doc.getXmlFragment(clauseField(r.clauseId)), old.getXmlFragment(clauseField(r.clauseId)));
            },
            origin,
          );
          await room.flushed();
        }
        return { to: point, restoredClauses: restored, unchangedClauses: unchanged };
      });
      if (room.isBroken) throw new AppError('unavailable', { message: 'The restored text could not be saved. Nothing was changed; try again.' });
      await db.transaction((tx) =>
        writeAudit(tx, {
          actor: identity,
          action: 'history.restored',
          draftId,
          subject: input.clauseId ? `clause ${targets[0].number}` : 'whole draft',
          details: {
            to: point.spec,
            toLabel: point.label,
            logId: point.logId,
            clauseIds: result.restoredClauses.map((c) => c.clauseId),
            clauseId: input.clauseId ?? null,
          },
        }),
      );
      indexer.schedule(draftId, 0);
      publisher.publish(draftId, 'history:restored', { draftId, by: identity.name, result });
      if (result.restoredClauses.length > 0) await announceReplaced(identity, draftId, point, result, before);
      return result;
    } finally {
      registry.release(room);
    }
  }

  /** Whoever has a restored clause open sees a notice in it; the bell tells everyone else. */
  async function announceReplaced(identity: Identity, draftId: string, point: ResolvedPointDto, result: RestoreResultDto, before: Date): Promise<void> {
    const summary =
      point.revision !== undefined ? `${point.label} restored` : point.spec === 'start' ? 'Initial text restored' : `Text as of ${point.label} restored`;
    publisher.publish(draftId, 'clause:replaced', {
      draftId,
      clauseIds: result.restoredClauses.map((c) => c.clauseId),
      cause: 'restore',
      summary,
      by: identity.name,
      byUserId: identity.userId,
      before: before.toISOString(),
      at: new Date().toISOString(),
    });
    await ctx
      .onTextReplaced?.({ draftId, clauses: result.restoredClauses, cause: 'restore', summary, refId: point.spec, actor: identity })
      .catch((err: unknown) => ctx.logger.error({ err, draftId }, 'restore notifications failed'));
  }

  return { restore };
}
