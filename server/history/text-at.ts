/** The text of a draft at any point, and who wrote each surviving character of it. */
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { authorRuns, authorTotals } from '@/lib/history/attribute';
import type { AuthorshipDto, TextAtPointDto } from '@/lib/history/types';
import { charAuthors, type AuthorIndexes } from './author-index';
import { clauseTexts, type HistoryContext } from './context';
import { identifiedText } from './yjs-facts';

export function createTextAtUseCases(ctx: HistoryContext, authors: AuthorIndexes) {
  const { drafts, indexer } = ctx;

  async function textAt(identity: Identity, draftId: string, raw?: string): Promise<TextAtPointDto> {
    await drafts.requireAccess(identity, draftId);
    await ctx.flushLive(draftId);
    const point = await ctx.resolveRaw(draftId, raw);
    const clauses = await ctx.clauseList(draftId);
    return ctx.withDocAt(draftId, point, (doc) => ({ point, clauses: clauseTexts(doc, clauses) }));
  }

  async function authorship(identity: Identity, draftId: string, raw?: string): Promise<AuthorshipDto> {
    await drafts.requireAccess(identity, draftId);
    await ctx.flushLive(draftId);
    const point = await ctx.resolveRaw(draftId, raw);
    await indexer.ensureIndexed(draftId);
    const clauses = await ctx.clauseList(draftId);
    return ctx.withDocAt(draftId, point, async (doc) => {
      const identified = clauses.map((c) => identifiedText(doc.getXmlFragment(clauseField(c.id))));
      const clients = new Set<number>();
      for (const t of identified) for (const c of t.clients) if (c >= 0) clients.add(c);
      const index = await authors.insertionIndex(draftId, [...clients]);
      const result = clauses.map((c, i) => ({
        clauseId: c.id,
        number: c.number,
        title: c.title,
        runs: authorRuns(identified[i].text, charAuthors(identified[i], index)),
      }));
      return { point, clauses: result, authors: authorTotals(result.flatMap((c) => c.runs)) };
    });
  }

  return { textAt, authorship };
}
