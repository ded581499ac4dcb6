/** The secretariat adds a clause after any clause, or at the start, with an optional first text. */
import * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../../audit/audit-log';
import type { ChangeOrigin } from '../../collab/draft-room';
import { clauses } from '../../db/schema';
import { writeClauseBody } from '../import/write-clause-body';
import { toSummary, type StructureContext } from './context';

export interface AddClauseInput {
  title: string;
  /** The clause it follows; null or absent: at the start. */
  afterClauseId?: string | null;
  /** Plain text; each line becomes a paragraph. */
  text?: string;
}

/** Paragraph blocks of a plain text, one per non-empty line. */
function paragraphsOf(text: string | undefined) {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: line }] }));
}

export async function addClause(ctx: StructureContext, identity: Identity, draftId: string, input: AddClauseInput): Promise<ClauseSummary> {
  await ctx.requireSecretariat(identity, draftId);
  const after = input.afterClauseId ? await ctx.clauseOf(draftId, input.afterClauseId) : null;
  const logId = await ctx.lastLogId(draftId);
  const { row, change } = await ctx.db.transaction(async (tx) => {
    await ctx.lockDraft(tx, draftId);
    const live = await ctx.liveClauses(tx, draftId);
    const [inserted] = await tx
      .insert(clauses)
      .values({
        draftId,
        ordinal: live.length + 1,
        number: null,
        title: input.title,
        status: 'drafting',
        statusChangedAt: new Date(),
        statusChangedBy: identity.userId,
      })
      .returning();
    const order = live.map((c) => c.id);
    const at = after ? order.indexOf(after.id) + 1 : 0;
    order.splice(at, 0, inserted.id);
    await ctx.renumber(tx, draftId, order);
    const recorded = await ctx.record(tx, identity, draftId, {
      kind: 'added',
      clauseId: inserted.id,
      details: { title: input.title, afterClauseId: after?.id ?? null, position: at + 1 },
      logId,
    });
    await writeAudit(tx, {
      actor: identity,
      action: 'clause.added',
      draftId,
      subject: `clause "${input.title}"`,
      details: { clauseId: recorded.clauseId, ...recorded.details },
    });
    return { row: inserted, change: recorded };
  });
  // The room learns of the clause before its text is written, so that edits to it are accepted.
  await ctx.registry.clausesChanged(draftId);
  await ctx.withRoom(draftId, async (room) => {
    const origin: ChangeOrigin = { conn: null, userId: identity.userId, delegation: identity.delegation, clauseIds: [row.id] };
    Y.transact(room.doc, () => writeClauseBody(room.doc, row.id, paragraphsOf(input.text)), origin);
    await room.flushed();
  });
  const list = await ctx.announce(draftId, change, []);
  return list.find((c) => c.id === row.id) ?? toSummary(row);
}
