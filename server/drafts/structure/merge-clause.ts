/**
 * The secretariat merges a clause into the clause before it: its paragraphs are appended
 * there (an edit in the secretariat's name), it leaves the draft (its id stays known: edits
 * to it are refused with 409 / close code 4409), and positions, brackets, comments and
 * alternatives follow the rules of carry-annotations.ts.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../../audit/audit-log';
import type { ChangeOrigin } from '../../collab/draft-room';
import { clauses } from '../../db/schema';
import { applyAnnotationMoves, archiveAlternatives, planAnnotationMoves, resetPositions } from './carry-annotations';
import { conflict, toSummary, type StructureContext } from './context';
import { copyBlocks } from './move-anchors';
import { refuseRestructuring } from './split-clause';

export async function mergeClause(
  ctx: StructureContext,
  identity: Identity,
  draftId: string,
  clauseId: string,
): Promise<{ merged: ClauseSummary; into: ClauseSummary }> {
  await ctx.requireSecretariat(identity, draftId);
  const clause = await ctx.clauseOf(draftId, clauseId);
  refuseRestructuring(clause, 'merged');
  const live = await ctx.liveClauses(ctx.db, draftId);
  const at = live.findIndex((c) => c.id === clauseId);
  if (at <= 0) throw conflict('The first clause has no clause before it to merge into.');
  const into = live[at - 1];
  refuseRestructuring(into, 'merged into');
  const logId = await ctx.lastLogId(draftId);
  const change = await ctx.withRoom(draftId, async (room) => {
    const target = room.doc.getXmlFragment(clauseField(into.id));
    const source = room.doc.getXmlFragment(clauseField(clauseId));
    const result = await ctx.db.transaction(async (tx) => {
      await ctx.lockDraft(tx, draftId);
      const [still] = await ctx.liveClauses(tx, draftId).then((rows) => rows.filter((r) => r.id === clauseId));
      if (!still) throw conflict('The clause changed meanwhile; reload and try again.');
      await tx.update(clauses).set({ mergedInto: into.id, number: null }).where(eq(clauses.id, clauseId));
      await ctx.renumber(tx, draftId);
      const note = `Clause ${clause.number} was merged into clause ${into.number}: positions are asked again on the merged text.`;
      const reset = await resetPositions(tx, identity, draftId, into.id, note);
      const archived = await archiveAlternatives(
        tx,
        identity,
        [into.id, clauseId],
        `Archived: clause ${clause.number} was merged into clause ${into.number}; propose the wording again on the merged text.`,
      );
      const moves = await planAnnotationMoves(tx, room.doc, clauseId, 0);
      const recorded = await ctx.record(tx, identity, draftId, {
        kind: 'merged',
        clauseId: into.id,
        details: {
          mergedId: clauseId,
          mergedTitle: clause.title,
          mergedNumber: clause.number,
          title: into.title,
          positionsReset: reset,
          archivedAlternatives: archived,
          clauseIds: [into.id, clauseId],
        },
        logId,
      });
      await writeAudit(tx, {
        actor: identity,
        action: 'clause.merged',
        draftId,
        subject: `clause ${clause.number} into clause ${into.number}`,
        details: { clauseId: recorded.clauseId, ...recorded.details },
      });
      const shift = target.length;
      const origin: ChangeOrigin = { conn: null, userId: identity.userId, delegation: identity.delegation, clauseIds: [into.id, clauseId] };
      Y.transact(
        room.doc,
        () => {
          target.insert(target.length, copyBlocks(source));
          source.delete(0, source.length);
          // One empty paragraph stays: an editor still showing the clause when this edit
          // arrives then has a valid document and writes nothing back. Left empty, ProseMirror
          // fills in a paragraph, y-prosemirror sends it, and that edit to a clause merged
          // away closed the connection (4409) of everyone who had the room open.
          source.insert(0, [new Y.XmlElement('paragraph')]);
        },
        origin,
      );
      await applyAnnotationMoves(tx, room.doc, into.id, moves, shift);
      return recorded;
    });
    await room.flushed();
    return result;
  });
  const list = await ctx.announce(draftId, change, [into.id]);
  return { merged: { ...toSummary(clause), number: null }, into: list.find((c) => c.id === into.id) ?? toSummary(into) };
}
