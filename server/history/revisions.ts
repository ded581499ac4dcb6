/** Numbered revisions: listing them, cutting one (secretariat) and reading one's text. */
import { desc, eq, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { ResolvedPointDto, RevisionDto, RevisionTextDto } from '@/lib/history/types';
import { writeAudit } from '../audit/audit-log';
import { revisions, yjsUpdates } from '../db/schema';
import { clauseTexts, forbidden, revisionLabel, toRevisionDto, type HistoryContext } from './context';
import { loadDocAt } from './doc-at';
import { readClauses } from '../drafts/draft-store';

const REVISION_LOCK = 727005;

export function createRevisionUseCases(ctx: HistoryContext) {
  const { db, drafts, publisher } = ctx;

  async function resolvePoint(identity: Identity, draftId: string, raw?: string): Promise<ResolvedPointDto> {
    await drafts.requireAccess(identity, draftId);
    return ctx.resolveRaw(draftId, raw);
  }

  async function listRevisions(identity: Identity, draftId: string): Promise<RevisionDto[]> {
    await drafts.requireAccess(identity, draftId);
    const rows = await db
      .select({
        number: revisions.number,
        note: revisions.note,
        createdAt: revisions.createdAt,
        createdByName: revisions.createdByName,
        upToId: revisions.upToId,
      })
      .from(revisions)
      .where(eq(revisions.draftId, draftId))
      .orderBy(desc(revisions.number));
    return rows.map(toRevisionDto);
  }

  async function cutRevision(identity: Identity, draftId: string, input: { note?: string }): Promise<RevisionDto> {
    await drafts.requireAccess(identity, draftId);
    if (identity.role !== 'secretariat') throw forbidden('Only the secretariat cuts numbered revisions.');
    await ctx.flushLive(draftId);
    const note = input.note?.trim() || null;
    const row = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${REVISION_LOCK}, hashtext(${draftId}))`);
      // One after the other: a transaction is one connection, which runs one query at a time.
      const [{ last }] = await tx
        .select({ last: max(yjsUpdates.id) })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.draftId, draftId));
      const [{ top }] = await tx
        .select({ top: max(revisions.number) })
        .from(revisions)
        .where(eq(revisions.draftId, draftId));
      const upToId = Number(last ?? 0);
      const number = Number(top ?? 0) + 1;
      const doc = await loadDocAt(tx, draftId, upToId);
      let state: Uint8Array;
      try {
        state = Y.encodeStateAsUpdate(doc);
      } finally {
        doc.destroy();
      }
      const [stored] = await tx
        .insert(revisions)
        .values({
          draftId,
          number,
          note,
          createdBy: identity.userId,
          createdByName: identity.name,
          createdAt: new Date(),
          upToId,
          state,
          clauses: await readClauses(tx, draftId),
        })
        .returning();
      await writeAudit(tx, {
        actor: identity,
        action: 'revision.cut',
        draftId,
        subject: revisionLabel(number),
        details: { number, label: revisionLabel(number), note, upToId },
      });
      return stored;
    });
    // Loads stay cheap too: fold the settled log into a load checkpoint now.
    ctx.checkpointer.checkpoint(draftId).catch((err: unknown) => ctx.logger.warn({ err, draftId }, 'checkpoint after a revision cut failed'));
    const dto = toRevisionDto(row);
    publisher.publish(draftId, 'revision:created', { draftId, revision: dto });
    return dto;
  }

  async function revisionText(identity: Identity, draftId: string, number: number): Promise<RevisionTextDto> {
    await drafts.requireAccess(identity, draftId);
    const row = await ctx.revisionRow(draftId, number);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, row.state);
      // A revision keeps the order, numbers and titles of its cut (older revisions did not record them: today's list).
      const cut = row.clauses ? row.clauses.map((c) => ({ ...c, status: c.status as ClauseSummary['status'] })) : await ctx.clauseList(draftId);
      return { revision: toRevisionDto(row), clauses: clauseTexts(doc, cut) };
    } finally {
      doc.destroy();
    }
  }

  return { resolvePoint, listRevisions, cutRevision, revisionText };
}
