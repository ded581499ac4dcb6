/** Comparing two points of a draft: a word diff per clause, each change with its author. */
import type * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { buildClauseDiff, diffSize } from '@/lib/history/attribute';
import { diffWords, type DiffOp } from '@/lib/history/diff-words';
import { RangeIndex } from '@/lib/history/range-index';
import type { Author, ClauseDiff, CompareDto, ResolvedPointDto } from '@/lib/history/types';
import { charAuthors, type AuthorIndexes, type ClockRun } from './author-index';
import { badRequest, type HistoryContext } from './context';
import { structureChangesBetween } from './structure-at';
import { identifiedText, type IdentifiedText } from './yjs-facts';

/**
 * The items whose author a comparison needs: only the characters the diff reports as
 * inserted (their clients) or deleted (runs of consecutive clocks of one client).
 */
export function authorsToLookUp(ops: DiffOp[][], before: IdentifiedText[], after: IdentifiedText[]): { insertedClients: Set<number>; deletedRuns: ClockRun[] } {
  const insertedClients = new Set<number>();
  const deletedRuns: ClockRun[] = [];
  ops.forEach((list, i) => {
    for (const op of list) {
      if (op.kind === 'insert') for (let k = op.newStart; k < op.newEnd; k += 1) if (after[i].clients[k] >= 0) insertedClients.add(after[i].clients[k]);
      if (op.kind !== 'delete') continue;
      for (let k = op.oldStart; k < op.oldEnd; k += 1) {
        const client = before[i].clients[k];
        if (client < 0) continue;
        const clock = before[i].clocks[k];
        const last = deletedRuns[deletedRuns.length - 1];
        if (last && last.client === client && last.end === clock) last.end += 1;
        else deletedRuns.push({ client, start: clock, end: clock + 1 });
      }
    }
  });
  return { insertedClients, deletedRuns };
}

/** The documents of the two points of a comparison, valid only inside `inspect`. */
export interface DocsAtPoints {
  from: ResolvedPointDto;
  to: ResolvedPointDto;
  docA: Y.Doc;
  docB: Y.Doc;
  /** Every clause compared (merged-away ones included). */
  clauseIds: string[];
}

export function createCompareUseCase(ctx: HistoryContext, authors: AuthorIndexes) {
  const { drafts, indexer } = ctx;

  /**
   * The comparison, and what `inspect` reads from the documents at both points while
   * they are loaded (the four-column document resolves recorded brackets on them).
   */
  async function compareWith<T>(
    identity: Identity,
    draftId: string,
    fromRaw: string | undefined,
    toRaw: string | undefined,
    inspect: (docs: DocsAtPoints) => Promise<T> | T,
  ): Promise<{ compared: CompareDto; inspected: T }> {
    await drafts.requireAccess(identity, draftId);
    if (fromRaw === undefined) throw badRequest('Say which point to compare from, e.g. from=rev:1 (and to=now).');
    await ctx.flushLive(draftId);
    const [from, to] = await Promise.all([ctx.resolveRaw(draftId, fromRaw), ctx.resolveRaw(draftId, toRaw)]);
    await indexer.ensureIndexed(draftId);
    const clauses = await drafts.unsafeRoomClauses(draftId); // merged-away clauses too: their words moved
    const [oldDoc, newDoc] = await Promise.all([ctx.docAt(draftId, from), ctx.docAt(draftId, to)]);
    try {
      const before = clauses.map((c) => identifiedText(oldDoc.getXmlFragment(clauseField(c.id))));
      const after = clauses.map((c) => identifiedText(newDoc.getXmlFragment(clauseField(c.id))));
      const ops = clauses.map((_, i) => diffWords(before[i].text, after[i].text));
      const { insertedClients, deletedRuns } = authorsToLookUp(ops, before, after);
      const forward = to.logId >= from.logId;
      const [inserts, deletes] = await Promise.all([
        authors.insertionIndex(draftId, [...insertedClients]),
        forward ? authors.deletionIndex(draftId, deletedRuns, from.logId, to.logId) : Promise.resolve(new RangeIndex<Author>([])),
      ]);
      const diffs: ClauseDiff[] = clauses.map((c, i) => {
        const deleted = ops[i].filter((op) => op.kind === 'delete').map((op): [number, number] => [op.oldStart, op.oldEnd]);
        const inserted = ops[i].filter((op) => op.kind === 'insert').map((op): [number, number] => [op.newStart, op.newEnd]);
        return buildClauseDiff(
          { clauseId: c.id, number: c.number, title: c.title },
          { text: before[i].text, authors: charAuthors(before[i], deletes, deleted) },
          { text: after[i].text, authors: charAuthors(after[i], inserts, inserted) },
          ops[i],
        );
      });
      const changedClauses = diffs.filter((d) => d.changed).map((d) => ({ clauseId: d.clauseId, number: d.number, title: d.title, ...diffSize(d) }));
      const inspected = await inspect({ from, to, docA: oldDoc, docB: newDoc, clauseIds: clauses.map((c) => c.id) });
      const compared: CompareDto = {
        from,
        to,
        structure: await structureChangesBetween(
          ctx.db,
          draftId,
          Math.min(from.logId, to.logId),
          to.spec === 'now' || from.spec === 'now' ? null : Math.max(from.logId, to.logId),
        ),
        clauses: diffs,
        summary: {
          changedClauses,
          inserted: changedClauses.reduce((n, c) => n + c.inserted, 0),
          deleted: changedClauses.reduce((n, c) => n + c.deleted, 0),
        },
      };
      return { compared, inspected };
    } finally {
      oldDoc.destroy();
      newDoc.destroy();
    }
  }

  async function compare(identity: Identity, draftId: string, fromRaw: string | undefined, toRaw: string | undefined): Promise<CompareDto> {
    return (await compareWith(identity, draftId, fromRaw, toRaw, () => null)).compared;
  }

  return { compare, compareWith };
}
