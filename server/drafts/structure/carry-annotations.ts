/**
 * What happens to a clause's positions, brackets, comments and alternatives when it is
 * split or merged (the rules of docs/design.md, "Clause structure"):
 *
 * - split: positions are carried to both halves (the text of both changed, so both show
 *   as given on earlier text); brackets and comment threads on words of the moved
 *   paragraphs follow them to the new clause;
 * - merge: the positions on the merged clause become `none`, recorded in their history;
 *   brackets and comment threads of the clause merged away follow its words;
 * - both: open alternative wordings of the clauses involved are archived (they were
 *   proposed for a text that no longer exists as such).
 *
 * Anchors that straddle the cut keep pointing into the first clause and show as detached.
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { decodeRelativePosition, encodeRelativePosition } from '@/lib/comments/comment-anchor';
import type { Identity } from '@/lib/domain/identity';
import { alternatives, brackets, commentThreads, positionHistory, positions } from '../../db/schema';
import type { Transaction } from './context';
import { applyMove, planMove, type PlannedMove } from './move-anchors';

export interface AnnotationMoves {
  brackets: Array<{ id: string; plan: PlannedMove }>;
  threads: Array<{ id: string; plan: PlannedMove }>;
}

/** Which brackets and comment threads of `clauseId` lie wholly in its blocks from `fromBlock` on (read before the edit). */
export async function planAnnotationMoves(tx: Transaction, doc: Y.Doc, clauseId: string, fromBlock: number): Promise<AnnotationMoves> {
  const fragment = doc.getXmlFragment(clauseField(clauseId));
  const [bracketRows, threadRows] = await Promise.all([
    tx.select().from(brackets).where(eq(brackets.clauseId, clauseId)),
    tx.select().from(commentThreads).where(eq(commentThreads.clauseId, clauseId)),
  ]);
  const out: AnnotationMoves = { brackets: [], threads: [] };
  for (const b of bracketRows) {
    const plan = planMove(doc, fragment, Y.decodeRelativePosition(b.anchorStart), Y.decodeRelativePosition(b.anchorEnd), fromBlock);
    if (plan) out.brackets.push({ id: b.id, plan });
  }
  for (const t of threadRows) {
    const plan = planMove(doc, fragment, decodeRelativePosition(t.anchorStart), decodeRelativePosition(t.anchorEnd), fromBlock);
    if (plan) out.threads.push({ id: t.id, plan });
  }
  return out;
}

/** After the edit: re-anchor the planned annotations in `targetClauseId`, whose blocks are the source's shifted by `shift`. */
export async function applyAnnotationMoves(tx: Transaction, doc: Y.Doc, targetClauseId: string, moves: AnnotationMoves, shift: number): Promise<string[]> {
  const target = doc.getXmlFragment(clauseField(targetClauseId));
  const moved: string[] = [];
  for (const b of moves.brackets) {
    const anchor = applyMove(target, b.plan, shift);
    if (!anchor) continue;
    await tx
      .update(brackets)
      .set({ clauseId: targetClauseId, anchorStart: Y.encodeRelativePosition(anchor.start), anchorEnd: Y.encodeRelativePosition(anchor.end) })
      .where(eq(brackets.id, b.id));
    moved.push(b.id);
  }
  for (const t of moves.threads) {
    const anchor = applyMove(target, t.plan, shift);
    if (!anchor) continue;
    await tx
      .update(commentThreads)
      .set({ clauseId: targetClauseId, anchorStart: encodeRelativePosition(anchor.start), anchorEnd: encodeRelativePosition(anchor.end) })
      .where(eq(commentThreads.id, t.id));
    moved.push(t.id);
  }
  return moved;
}

/** Archive the open alternatives of the clauses, saying why. */
export async function archiveAlternatives(tx: Transaction, identity: Identity, clauseIds: string[], reason: string): Promise<number> {
  const rows = await tx
    .update(alternatives)
    .set({ state: 'archived', decidedAt: new Date(), decidedBy: identity.userId, decidedByName: identity.name, decisionNote: reason })
    .where(and(inArray(alternatives.clauseId, clauseIds), eq(alternatives.state, 'open')))
    .returning({ id: alternatives.id });
  return rows.length;
}

/** Split: every position on the first half is carried to the second, with a history entry saying so. */
export async function carryPositions(
  tx: Transaction,
  identity: Identity,
  draftId: string,
  fromClauseId: string,
  toClauseId: string,
  note: string,
): Promise<number> {
  const rows = await tx.select().from(positions).where(eq(positions.clauseId, fromClauseId));
  for (const p of rows) {
    // The text hash stays the one it was given on: the new clause's text differs, so it shows as given on earlier text.
    await tx.insert(positions).values({ ...p, clauseId: toClauseId, updatedAt: new Date() });
    await tx.insert(positionHistory).values({
      draftId,
      clauseId: toClauseId,
      delegationCode: p.delegationCode,
      fromPosition: null,
      fromReservation: null,
      toPosition: p.position,
      toReservation: p.reservation,
      note,
      textHash: p.textHash,
      byUserId: identity.userId,
      byName: identity.name,
    });
  }
  return rows.length;
}

/** Merge: the positions on the clause merged into become `none`, each with a history entry. */
export async function resetPositions(tx: Transaction, identity: Identity, draftId: string, clauseId: string, note: string): Promise<string[]> {
  const rows = await tx.select().from(positions).where(eq(positions.clauseId, clauseId));
  const reset: string[] = [];
  for (const p of rows) {
    if (p.position === 'none') continue;
    await tx
      .update(positions)
      .set({ position: 'none', reservation: null, note: null, updatedAt: new Date(), updatedBy: identity.userId })
      .where(and(eq(positions.clauseId, clauseId), eq(positions.delegationCode, p.delegationCode)));
    await tx.insert(positionHistory).values({
      draftId,
      clauseId,
      delegationCode: p.delegationCode,
      fromPosition: p.position,
      fromReservation: p.reservation,
      toPosition: 'none',
      toReservation: null,
      note,
      textHash: p.textHash,
      byUserId: identity.userId,
      byName: identity.name,
    });
    reset.push(p.delegationCode);
  }
  return reset;
}
