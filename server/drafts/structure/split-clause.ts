/**
 * The secretariat splits a clause at a paragraph: the paragraphs from `paragraph` on
 * move to a new clause right after it (as an edit in the secretariat's name, stored
 * before it is relayed), and positions, brackets, comments and alternatives follow the
 * rules of carry-annotations.ts.
 */
import * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../../audit/audit-log';
import type { ChangeOrigin } from '../../collab/draft-room';
import { clauses } from '../../db/schema';
import { applyAnnotationMoves, archiveAlternatives, carryPositions, planAnnotationMoves } from './carry-annotations';
import { badRequest, conflict, toSummary, type ClauseRow, type StructureContext } from './context';
import { copyBlocks } from './move-anchors';

export function refuseRestructuring(clause: ClauseRow, what: string): void {
  if (clause.status === 'silence') throw conflict(`A clause under a silence procedure cannot be ${what}; end the procedure first.`);
  if (clause.status === 'withdrawn') throw conflict(`A withdrawn clause cannot be ${what}; reinstate it first.`);
}

export async function splitClause(
  ctx: StructureContext,
  identity: Identity,
  draftId: string,
  clauseId: string,
  input: { paragraph: number; title?: string },
): Promise<{ first: ClauseSummary; second: ClauseSummary }> {
  await ctx.requireSecretariat(identity, draftId);
  const clause = await ctx.clauseOf(draftId, clauseId);
  refuseRestructuring(clause, 'split');
  const logId = await ctx.lastLogId(draftId);
  const title = input.title ?? `${clause.title} (continued)`;
  const { second, change } = await ctx.withRoom(draftId, async (room) => {
    const source = room.doc.getXmlFragment(clauseField(clauseId));
    const blocks = source.length;
    if (input.paragraph >= blocks) {
      throw badRequest(
        `paragraph must be between 1 and ${Math.max(blocks - 1, 1)}: the clause has ${blocks} paragraph${blocks === 1 ? '' : 's'}.`,
        'paragraph',
      );
    }
    const result = await ctx.db.transaction(async (tx) => {
      await ctx.lockDraft(tx, draftId);
      const live = await ctx.liveClauses(tx, draftId);
      const [inserted] = await tx
        .insert(clauses)
        .values({
          draftId,
          ordinal: live.length + 1,
          number: null,
          title,
          status: clause.status,
          statusChangedAt: new Date(),
          statusChangedBy: identity.userId,
        })
        .returning();
      const order = live.map((c) => c.id);
      order.splice(order.indexOf(clauseId) + 1, 0, inserted.id);
      await ctx.renumber(tx, draftId, order);
      const carried = await carryPositions(tx, identity, draftId, clauseId, inserted.id, `Carried over when clause ${clause.number} was split.`);
      const archived = await archiveAlternatives(
        tx,
        identity,
        [clauseId],
        `Archived: clause ${clause.number} was split; propose the wording again on the new text.`,
      );
      const moves = await planAnnotationMoves(tx, room.doc, clauseId, input.paragraph);
      const recorded = await ctx.record(tx, identity, draftId, {
        kind: 'split',
        clauseId,
        details: {
          secondId: inserted.id,
          paragraph: input.paragraph,
          title: clause.title,
          secondTitle: title,
          carriedPositions: carried,
          archivedAlternatives: archived,
        },
        logId,
      });
      await writeAudit(tx, {
        actor: identity,
        action: 'clause.split',
        draftId,
        subject: `clause ${clause.number}`,
        details: { clauseId: recorded.clauseId, ...recorded.details },
      });
      // The text changes last inside the transaction: when it cannot, nothing is recorded.
      const origin: ChangeOrigin = { conn: null, userId: identity.userId, delegation: identity.delegation, clauseIds: [clauseId, inserted.id] };
      Y.transact(
        room.doc,
        () => {
          const target = room.doc.getXmlFragment(clauseField(inserted.id));
          target.insert(0, copyBlocks(source, input.paragraph));
          source.delete(input.paragraph, source.length - input.paragraph);
        },
        origin,
      );
      await applyAnnotationMoves(tx, room.doc, inserted.id, moves, -input.paragraph);
      return { second: inserted, change: recorded };
    });
    await room.flushed();
    return result;
  });
  const list = await ctx.announce(draftId, change, [clauseId, second.id]);
  const find = (id: string, fallback: ClauseRow) => list.find((c) => c.id === id) ?? toSummary(fallback);
  return { first: find(clauseId, clause), second: find(second.id, second) };
}
