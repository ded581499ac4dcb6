/**
 * Edit history of a draft: numbered revisions, the text at any point, who wrote each
 * surviving character, the timeline of edit sessions and decisions, comparisons of
 * two points and restoring earlier text as a new forward edit. Every method takes the
 * caller's identity: anyone who may read a draft may read its history; only the
 * secretariat cuts revisions and restores.
 */
import { and, asc, desc, eq, gt, inArray, lt, lte, max, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import { authorRuns, authorTotals, buildClauseDiff, diffSize, type CharAuthors } from '@/lib/history/attribute';
import { diffWords } from '@/lib/history/diff-words';
import { formatPoint, parsePoint, type HistoryPoint } from '@/lib/history/point';
import { RangeIndex, type ClockRange } from '@/lib/history/range-index';
import type {
  Author,
  AuthorshipDto,
  ClauseDiff,
  ClauseTextDto,
  CompareDto,
  ResolvedPointDto,
  RestoreResultDto,
  RevisionDto,
  RevisionTextDto,
  TextAtPointDto,
  TimelineEntry,
  TimelinePage,
} from '@/lib/history/types';
import type { HistoryEvents } from '@/lib/realtime/events';
import { writeAudit } from '../audit/audit-log';
import type { Checkpointer } from '../collab/checkpointer';
import type { ChangeOrigin } from '../collab/draft-room';
import type { RoomRegistry } from '../collab/room-registry';
import type { Database } from '../db/client';
import { auditLog, historyDeletions, historyEdits, historyInsertions, historySessions, positionHistory, revisions, users, yjsUpdates } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import { loadDocAt } from './doc-at';
import type { HistoryIndexer } from './history-indexer';
import { restoreFragment, sameContent } from './restore-fragment';
import { identifiedText, type IdentifiedText } from './yjs-facts';

export interface HistoryPublisher {
  publish<E extends keyof HistoryEvents>(draftId: string, event: E, payload: HistoryEvents[E]): void;
}

export interface TimelineQuery {
  clauseId?: string;
  delegation?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface HistoryServiceOptions {
  db: Database;
  drafts: DraftStore;
  indexer: HistoryIndexer;
  registry: RoomRegistry;
  checkpointer: Checkpointer;
  publisher: HistoryPublisher;
  logger: Logger;
}

const forbidden = (message: string) => new AppError('forbidden', { message });
const badRequest = (message: string) => new AppError('bad_request', { message });
const notFound = (message: string) => new AppError('not_found', { message });

const REVISION_LOCK = 727005;
/** Clock skew tolerated before a requested time counts as "in the future". */
const FUTURE_SKEW_MS = 5000;

/** Timeline ordering at equal times: sessions, then revisions, decisions, positions. */
const RANK = { session: 4, revision: 3, status: 2, position: 1 } as const;
const STATUS_ACTIONS = ['clause.status', 'silence.started', 'silence.broken', 'silence.cancelled', 'silence.completed', 'history.restored'];

interface Cursor {
  t: number;
  r: number;
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.t === 'number' && typeof value.r === 'number' && typeof value.id === 'number') return value as Cursor;
  } catch {
    /* fall through */
  }
  throw badRequest('The cursor is not one this server handed out; start again from the first page.');
}

const revisionLabel = (n: number) => `Rev.${n}`;

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

export function createHistoryService(options: HistoryServiceOptions) {
  const { db, drafts, indexer, registry, publisher } = options;

  async function names(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (unique.length === 0) return new Map();
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  function toRevisionDto(row: { number: number; note: string | null; createdAt: Date; createdByName: string | null; upToId: number }): RevisionDto {
    return {
      number: row.number,
      label: revisionLabel(row.number),
      note: row.note,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdByName ?? 'Secretariat',
      upToId: row.upToId,
    };
  }

  async function revisionRow(draftId: string, number: number) {
    const [row] = await db
      .select({ number: revisions.number, note: revisions.note, createdAt: revisions.createdAt, createdByName: revisions.createdByName, upToId: revisions.upToId, state: revisions.state })
      .from(revisions)
      .where(and(eq(revisions.draftId, draftId), eq(revisions.number, number)))
      .limit(1);
    if (!row) throw notFound(`There is no ${revisionLabel(number)} of this draft.`);
    return row;
  }

  async function lastLog(draftId: string): Promise<{ id: number; at: Date | null }> {
    const [row] = await db
      .select({ id: yjsUpdates.id, at: yjsUpdates.createdAt })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.draftId, draftId))
      .orderBy(desc(yjsUpdates.id))
      .limit(1);
    return row ? { id: row.id, at: row.at } : { id: 0, at: null };
  }

  async function timeOfLog(draftId: string, logId: number): Promise<Date | null> {
    const [row] = await db
      .select({ at: yjsUpdates.createdAt })
      .from(yjsUpdates)
      .where(and(eq(yjsUpdates.draftId, draftId), lte(yjsUpdates.id, logId)))
      .orderBy(desc(yjsUpdates.id))
      .limit(1);
    return row?.at ?? null;
  }

  /** Resolve a point (already parsed) to the update-log id it stands for. */
  async function resolve(draftId: string, point: HistoryPoint): Promise<ResolvedPointDto> {
    switch (point.kind) {
      case 'now': {
        const last = await lastLog(draftId);
        return { spec: 'now', logId: last.id, at: last.at?.toISOString() ?? null, label: 'Now' };
      }
      case 'revision': {
        const [row] = await db
          .select({ number: revisions.number, createdAt: revisions.createdAt, upToId: revisions.upToId })
          .from(revisions)
          .where(and(eq(revisions.draftId, draftId), eq(revisions.number, point.number)))
          .limit(1);
        if (!row) throw notFound(`There is no ${revisionLabel(point.number)} of this draft.`);
        return { spec: formatPoint(point), logId: row.upToId, at: row.createdAt.toISOString(), label: revisionLabel(row.number), revision: row.number };
      }
      case 'log': {
        const last = await lastLog(draftId);
        if (point.id > last.id && point.id > (await globalLastLog())) {
          throw badRequest(`log:${point.id} is after the newest change of this draft (log:${last.id}); a point cannot be in the future.`);
        }
        const at = await timeOfLog(draftId, point.id);
        return { spec: formatPoint(point), logId: point.id, at: at?.toISOString() ?? null, label: `Change ${point.id}` };
      }
      case 'time': {
        if (point.at.getTime() > Date.now() + FUTURE_SKEW_MS) {
          throw badRequest(`${point.at.toISOString()} is in the future; pick a moment up to now.`);
        }
        await indexer.ensureIndexed(draftId);
        const [row] = await db
          .select({ id: max(historyEdits.logId) })
          .from(historyEdits)
          .where(and(eq(historyEdits.draftId, draftId), lte(historyEdits.at, point.at)));
        const logId = Number(row?.id ?? 0);
        return { spec: formatPoint(point), logId, at: point.at.toISOString(), label: `${DATE_TIME.format(point.at)} UTC` };
      }
    }
  }

  async function globalLastLog(): Promise<number> {
    const [row] = await db.select({ id: max(yjsUpdates.id) }).from(yjsUpdates);
    return Number(row?.id ?? 0);
  }

  function parse(raw: string | undefined, fallback: HistoryPoint = { kind: 'now' }): HistoryPoint {
    if (raw === undefined) return fallback;
    const result = parsePoint(raw);
    if (!result.ok) throw badRequest(result.message);
    return result.point;
  }

  async function clauseList(draftId: string): Promise<ClauseSummary[]> {
    return drafts.unsafeClauses(draftId);
  }

  function texts(doc: Y.Doc, clauses: ClauseSummary[]): ClauseTextDto[] {
    return clauses.map((c) => ({ clauseId: c.id, number: c.number, title: c.title, text: identifiedText(doc.getXmlFragment(clauseField(c.id))).text }));
  }

  /** Authors of every created item of the given clients (from the history index). */
  async function insertionIndex(draftId: string, clients: number[]): Promise<RangeIndex<Author>> {
    if (clients.length === 0) return new RangeIndex<Author>([]);
    const rows = await db
      .select({
        client: historyInsertions.client,
        start: historyInsertions.clockStart,
        end: historyInsertions.clockEnd,
        userId: historyInsertions.userId,
        delegation: historyInsertions.delegationCode,
        at: historyInsertions.at,
      })
      .from(historyInsertions)
      .where(and(eq(historyInsertions.draftId, draftId), inArray(historyInsertions.client, clients)))
      .orderBy(asc(historyInsertions.logId));
    const who = await names(rows.map((r) => r.userId));
    const cache = new Map<string, Author>();
    const ranges: Array<ClockRange<Author>> = rows.map((r) => {
      const key = `${r.userId}|${r.delegation}|${r.at.getTime()}`;
      let author = cache.get(key);
      if (!author) {
        author = { userId: r.userId, userName: r.userId ? who.get(r.userId) ?? 'unknown' : null, delegation: r.delegation, at: r.at.toISOString() };
        cache.set(key, author);
      }
      return { client: Number(r.client), start: r.start, end: r.end, value: author };
    });
    return new RangeIndex(ranges);
  }

  /**
   * Who deleted the given items (runs of consecutive clocks of one client) between two
   * points; the first deletion wins. Only deletion ranges overlapping the runs are read.
   */
  async function deletionIndex(draftId: string, runs: Array<{ client: number; start: number; end: number }>, fromLog: number, toLog: number): Promise<RangeIndex<Author>> {
    if (runs.length === 0 || toLog <= fromLog) return new RangeIndex<Author>([]);
    // Very many scattered runs: one clock span per client keeps the query small.
    let spans = runs;
    if (runs.length > 2000) {
      const byClient = new Map<number, { client: number; start: number; end: number }>();
      for (const r of runs) {
        const span = byClient.get(r.client);
        if (span) {
          span.start = Math.min(span.start, r.start);
          span.end = Math.max(span.end, r.end);
        } else byClient.set(r.client, { ...r });
      }
      spans = [...byClient.values()];
    }
    const chunks: Array<typeof spans> = [];
    for (let i = 0; i < spans.length; i += 250) chunks.push(spans.slice(i, i + 250));
    const rows = (await Promise.all(chunks.map((chunk) => deletionRows(draftId, chunk, fromLog, toLog)))).flat().sort((a, b) => a.logId - b.logId);
    const who = await names(rows.map((r) => r.userId));
    return new RangeIndex(
      rows.map((r) => ({
        client: Number(r.client),
        start: r.start,
        end: r.end,
        value: { userId: r.userId, userName: r.userId ? who.get(r.userId) ?? 'unknown' : null, delegation: r.delegation, at: r.at.toISOString() },
      })),
    );
  }

  function deletionRows(draftId: string, spans: Array<{ client: number; start: number; end: number }>, fromLog: number, toLog: number) {
    const conditions: SQL[] = spans.map((r) => and(eq(historyDeletions.client, r.client), lt(historyDeletions.clockStart, r.end), gt(historyDeletions.clockEnd, r.start))!);
    return db
      .select({
        client: historyDeletions.client,
        start: historyDeletions.clockStart,
        end: historyDeletions.clockEnd,
        userId: historyDeletions.userId,
        delegation: historyDeletions.delegationCode,
        at: historyDeletions.at,
        logId: historyDeletions.logId,
      })
      .from(historyDeletions)
      .where(and(eq(historyDeletions.draftId, draftId), gt(historyDeletions.logId, fromLog), lte(historyDeletions.logId, toLog), or(...conditions)));
  }

  /** The author of each character (or only of those in `ranges`; the others stay null). */
  function charAuthors(text: IdentifiedText, index: RangeIndex<Author>, ranges?: Array<[number, number]>): CharAuthors {
    const out: Array<Author | null | undefined> = new Array(text.text.length).fill(null);
    for (const [start, end] of ranges ?? [[0, text.text.length]]) {
      for (let i = start; i < end; i += 1) {
        const client = text.clients[i];
        out[i] = client < 0 ? undefined : index.find(client, text.clocks[i]) ?? null;
      }
    }
    return out;
  }

  /**
   * The document at a resolved point: a revision is its stored text (what was cut and
   * circulated); any other point is the log up to its id. The two agree except when a
   * row with a smaller id committed after the cut (another instance's insert still in
   * flight): the revision keeps what it held, later points include the late row.
   */
  async function docAt(draftId: string, point: ResolvedPointDto): Promise<Y.Doc> {
    if (point.revision === undefined) return loadDocAt(db, draftId, point.logId);
    const row = await revisionRow(draftId, point.revision);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.state);
    return doc;
  }

  async function withDocAt<T>(draftId: string, point: ResolvedPointDto, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const doc = await docAt(draftId, point);
    try {
      return await fn(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Make sure what live rooms applied is in the log before reading "now". */
  async function flushLive(draftId: string): Promise<void> {
    await registry.peek(draftId)?.flushed();
  }

  return {
    resolvePoint: async (identity: Identity, draftId: string, raw?: string) => {
      await drafts.requireAccess(identity, draftId);
      return resolve(draftId, parse(raw));
    },

    async listRevisions(identity: Identity, draftId: string): Promise<RevisionDto[]> {
      await drafts.requireAccess(identity, draftId);
      const rows = await db
        .select({ number: revisions.number, note: revisions.note, createdAt: revisions.createdAt, createdByName: revisions.createdByName, upToId: revisions.upToId })
        .from(revisions)
        .where(eq(revisions.draftId, draftId))
        .orderBy(desc(revisions.number));
      return rows.map(toRevisionDto);
    },

    async cutRevision(identity: Identity, draftId: string, input: { note?: string }): Promise<RevisionDto> {
      await drafts.requireAccess(identity, draftId);
      if (identity.role !== 'secretariat') throw forbidden('Only the secretariat cuts numbered revisions.');
      await flushLive(draftId);
      const note = input.note?.trim() || null;
      const row = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${REVISION_LOCK}, hashtext(${draftId}))`);
        // One after the other: a transaction is one connection, which runs one query at a time.
        const [{ last }] = await tx.select({ last: max(yjsUpdates.id) }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId));
        const [{ top }] = await tx.select({ top: max(revisions.number) }).from(revisions).where(eq(revisions.draftId, draftId));
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
          .values({ draftId, number, note, createdBy: identity.userId, createdByName: identity.name, createdAt: new Date(), upToId, state })
          .returning();
        await writeAudit(tx, { actor: identity, action: 'revision.cut', draftId, subject: revisionLabel(number), details: { number, label: revisionLabel(number), note, upToId } });
        return stored;
      });
      // Loads stay cheap too: fold the settled log into a load checkpoint now.
      options.checkpointer.checkpoint(draftId).catch((err: unknown) => options.logger.warn({ err, draftId }, 'checkpoint after a revision cut failed'));
      const dto = toRevisionDto(row);
      publisher.publish(draftId, 'revision:created', { draftId, revision: dto });
      return dto;
    },

    async revisionText(identity: Identity, draftId: string, number: number): Promise<RevisionTextDto> {
      await drafts.requireAccess(identity, draftId);
      const row = await revisionRow(draftId, number);
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, row.state);
        return { revision: toRevisionDto(row), clauses: texts(doc, await clauseList(draftId)) };
      } finally {
        doc.destroy();
      }
    },

    async textAt(identity: Identity, draftId: string, raw?: string): Promise<TextAtPointDto> {
      await drafts.requireAccess(identity, draftId);
      await flushLive(draftId);
      const point = await resolve(draftId, parse(raw));
      const clauses = await clauseList(draftId);
      return withDocAt(draftId, point, (doc) => ({ point, clauses: texts(doc, clauses) }));
    },

    async authorship(identity: Identity, draftId: string, raw?: string): Promise<AuthorshipDto> {
      await drafts.requireAccess(identity, draftId);
      await flushLive(draftId);
      const point = await resolve(draftId, parse(raw));
      await indexer.ensureIndexed(draftId);
      const clauses = await clauseList(draftId);
      return withDocAt(draftId, point, async (doc) => {
        const identified = clauses.map((c) => identifiedText(doc.getXmlFragment(clauseField(c.id))));
        const clients = new Set<number>();
        for (const t of identified) for (const c of t.clients) if (c >= 0) clients.add(c);
        const index = await insertionIndex(draftId, [...clients]);
        const result = clauses.map((c, i) => ({ clauseId: c.id, number: c.number, title: c.title, runs: authorRuns(identified[i].text, charAuthors(identified[i], index)) }));
        return { point, clauses: result, authors: authorTotals(result.flatMap((c) => c.runs)) };
      });
    },

    async compare(identity: Identity, draftId: string, fromRaw: string | undefined, toRaw: string | undefined): Promise<CompareDto> {
      await drafts.requireAccess(identity, draftId);
      if (fromRaw === undefined) throw badRequest('Say which point to compare from, e.g. from=rev:1 (and to=now).');
      await flushLive(draftId);
      const [from, to] = await Promise.all([resolve(draftId, parse(fromRaw)), resolve(draftId, parse(toRaw))]);
      await indexer.ensureIndexed(draftId);
      const clauses = await clauseList(draftId);
      const [oldDoc, newDoc] = await Promise.all([docAt(draftId, from), docAt(draftId, to)]);
      try {
        const before = clauses.map((c) => identifiedText(oldDoc.getXmlFragment(clauseField(c.id))));
        const after = clauses.map((c) => identifiedText(newDoc.getXmlFragment(clauseField(c.id))));
        // Only the characters the diff reports as inserted or deleted need an author.
        const insertedClients = new Set<number>();
        const deletedRuns: Array<{ client: number; start: number; end: number }> = [];
        const ops = clauses.map((_, i) => diffWords(before[i].text, after[i].text));
        ops.forEach((list, i) => {
          for (const op of list) {
            if (op.kind === 'insert') for (let k = op.newStart; k < op.newEnd; k += 1) if (after[i].clients[k] >= 0) insertedClients.add(after[i].clients[k]);
            if (op.kind === 'delete') {
              for (let k = op.oldStart; k < op.oldEnd; k += 1) {
                const client = before[i].clients[k];
                if (client < 0) continue;
                const clock = before[i].clocks[k];
                const last = deletedRuns[deletedRuns.length - 1];
                if (last && last.client === client && last.end === clock) last.end += 1;
                else deletedRuns.push({ client, start: clock, end: clock + 1 });
              }
            }
          }
        });
        const forward = to.logId >= from.logId;
        const [inserts, deletes] = await Promise.all([
          insertionIndex(draftId, [...insertedClients]),
          forward ? deletionIndex(draftId, deletedRuns, from.logId, to.logId) : Promise.resolve(new RangeIndex<Author>([])),
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
        return {
          from,
          to,
          clauses: diffs,
          summary: {
            changedClauses,
            inserted: changedClauses.reduce((n, c) => n + c.inserted, 0),
            deleted: changedClauses.reduce((n, c) => n + c.deleted, 0),
          },
        };
      } finally {
        oldDoc.destroy();
        newDoc.destroy();
      }
    },

    async timeline(identity: Identity, draftId: string, query: TimelineQuery): Promise<TimelinePage> {
      await drafts.requireAccess(identity, draftId);
      await flushLive(draftId);
      await indexer.ensureIndexed(draftId);
      const clauses = await clauseList(draftId);
      if (query.clauseId && !clauses.some((c) => c.id === query.clauseId)) throw notFound('No such clause in this draft.');
      const numberOf = new Map(clauses.map((c) => [c.id, c.number]));
      const cursor = query.cursor ? decodeCursor(query.cursor) : null;
      const limit = query.limit;

      /** The cursor condition for a source of a given rank on its time and id columns. */
      const before = (rank: number, at: SQL | Parameters<typeof lt>[0], id: Parameters<typeof lt>[0]): SQL | undefined => {
        if (!cursor) return undefined;
        const t = new Date(cursor.t);
        if (rank > cursor.r) return lt(at as Parameters<typeof lt>[0], t);
        if (rank < cursor.r) return lte(at as Parameters<typeof lt>[0], t);
        return or(lt(at as Parameters<typeof lt>[0], t), and(eq(at as Parameters<typeof lt>[0], t), lt(id, cursor.id)));
      };

      const sessionWhere: Array<SQL | undefined> = [eq(historySessions.draftId, draftId), before(RANK.session, historySessions.endedAt, historySessions.id)];
      if (query.delegation) sessionWhere.push(eq(historySessions.delegationCode, query.delegation));
      if (query.clauseId) sessionWhere.push(sql`${historySessions.clauseIds} @> ${JSON.stringify([query.clauseId])}::jsonb`);
      if (query.from) sessionWhere.push(sql`${historySessions.endedAt} >= ${query.from.toISOString()}`);
      if (query.to) sessionWhere.push(sql`${historySessions.startedAt} <= ${query.to.toISOString()}`);

      const withinRange = (column: Parameters<typeof lt>[0]): Array<SQL | undefined> => [
        query.from ? sql`${column} >= ${query.from.toISOString()}` : undefined,
        query.to ? sql`${column} <= ${query.to.toISOString()}` : undefined,
      ];

      const [sessionRows, revisionRows, statusRows, positionRows] = await Promise.all([
        db.select().from(historySessions).where(and(...sessionWhere)).orderBy(desc(historySessions.endedAt), desc(historySessions.id)).limit(limit + 1),
        query.delegation
          ? Promise.resolve([])
          : db
              .select({ id: revisions.id, number: revisions.number, note: revisions.note, createdAt: revisions.createdAt, createdByName: revisions.createdByName, upToId: revisions.upToId })
              .from(revisions)
              .where(and(eq(revisions.draftId, draftId), before(RANK.revision, revisions.createdAt, revisions.id), ...withinRange(revisions.createdAt)))
              .orderBy(desc(revisions.createdAt), desc(revisions.id))
              .limit(limit + 1),
        query.delegation
          ? Promise.resolve([])
          : db
              .select()
              .from(auditLog)
              .where(
                and(
                  eq(auditLog.draftId, draftId),
                  inArray(auditLog.action, STATUS_ACTIONS),
                  before(RANK.status, auditLog.at, auditLog.id),
                  ...withinRange(auditLog.at),
                  query.clauseId
                    ? sql`(${auditLog.details}->>'clauseId' = ${query.clauseId} or ${auditLog.details}->'clauseIds' ? ${query.clauseId})`
                    : undefined,
                ),
              )
              .orderBy(desc(auditLog.at), desc(auditLog.id))
              .limit(limit + 1),
        db
          .select()
          .from(positionHistory)
          .where(
            and(
              eq(positionHistory.draftId, draftId),
              before(RANK.position, positionHistory.at, positionHistory.id),
              ...withinRange(positionHistory.at),
              query.clauseId ? eq(positionHistory.clauseId, query.clauseId) : undefined,
              query.delegation ? eq(positionHistory.delegationCode, query.delegation) : undefined,
            ),
          )
          .orderBy(desc(positionHistory.at), desc(positionHistory.id))
          .limit(limit + 1),
      ]);
      const who = await names(sessionRows.map((s) => s.userId));

      const entries: Array<TimelineEntry & { rank: number; t: number }> = [];
      for (const s of sessionRows) {
        entries.push({
          kind: 'session',
          rank: RANK.session,
          t: s.endedAt.getTime(),
          id: s.id,
          at: s.endedAt.toISOString(),
          startedAt: s.startedAt.toISOString(),
          endedAt: s.endedAt.toISOString(),
          delegation: s.delegationCode,
          userName: s.userId ? who.get(s.userId) ?? 'unknown' : null,
          clauseIds: s.clauseIds,
          clauseNumbers: s.clauseIds.map((id) => numberOf.get(id)).filter((n): n is number => n !== undefined).sort((a, b) => a - b),
          inserted: s.inserted,
          deleted: s.deleted,
          edits: s.edits,
          firstLogId: s.firstLogId,
          lastLogId: s.lastLogId,
        });
      }
      for (const r of revisionRows) {
        entries.push({ kind: 'revision', rank: RANK.revision, t: r.createdAt.getTime(), id: r.id, at: r.createdAt.toISOString(), revision: toRevisionDto(r) });
      }
      for (const a of statusRows) {
        const d = a.details as Record<string, unknown>;
        const ids = typeof d.clauseId === 'string' ? [d.clauseId] : Array.isArray(d.clauseIds) ? (d.clauseIds as string[]) : [];
        entries.push({
          kind: 'status',
          rank: RANK.status,
          t: a.at.getTime(),
          id: a.id,
          at: a.at.toISOString(),
          clauseId: typeof d.clauseId === 'string' ? d.clauseId : null,
          clauseNumbers: ids.map((id) => numberOf.get(id)).filter((n): n is number => n !== undefined).sort((x, y) => x - y),
          action: a.action,
          from: typeof d.from === 'string' ? d.from : null,
          // A restore records the point as spec ("rev:2") and label ("Rev.2"): show the label.
          to: a.action === 'history.restored' && typeof d.toLabel === 'string' ? d.toLabel : typeof d.to === 'string' ? d.to : typeof d.toLabel === 'string' ? d.toLabel : null,
          by: a.actorEmail,
          note: typeof d.override === 'string' ? d.override : typeof d.reason === 'string' ? d.reason : typeof d.note === 'string' ? d.note : null,
        });
      }
      for (const p of positionRows) {
        entries.push({
          kind: 'position',
          rank: RANK.position,
          t: p.at.getTime(),
          id: p.id,
          at: p.at.toISOString(),
          clauseId: p.clauseId,
          clauseNumber: numberOf.get(p.clauseId) ?? null,
          delegation: p.delegationCode,
          from: p.fromPosition,
          to: p.toPosition,
          by: p.byName,
        });
      }
      entries.sort((a, b) => b.t - a.t || b.rank - a.rank || b.id - a.id);
      const page = entries.slice(0, limit);
      const last = page[page.length - 1];
      const more = entries.length > limit;
      return {
        entries: page.map(({ rank: _rank, t: _t, ...entry }) => entry as TimelineEntry),
        nextCursor: more && last ? encodeCursor({ t: last.t, r: last.rank, id: last.id }) : null,
      };
    },

    async restore(identity: Identity, draftId: string, input: { to: string; clauseId?: string }): Promise<RestoreResultDto> {
      await drafts.requireAccess(identity, draftId);
      if (identity.role !== 'secretariat') throw forbidden('Only the secretariat restores earlier text.');
      const point = await resolve(draftId, parse(input.to));
      const clauses = await clauseList(draftId);
      const targets = input.clauseId ? clauses.filter((c) => c.id === input.clauseId) : clauses.filter((c) => c.status !== 'withdrawn');
      if (input.clauseId && targets.length === 0) throw notFound('No such clause in this draft.');
      const room = await registry.acquire(draftId);
      try {
        const result = await withDocAt(draftId, point, async (old) => {
          const restored: Array<{ clauseId: string; number: number }> = [];
          const unchanged: Array<{ clauseId: string; number: number }> = [];
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
            details: { to: point.spec, toLabel: point.label, logId: point.logId, clauseIds: result.restoredClauses.map((c) => c.clauseId), clauseId: input.clauseId ?? null },
          }),
        );
        indexer.schedule(draftId, 0);
        publisher.publish(draftId, 'history:restored', { draftId, by: identity.name, result });
        return result;
      } finally {
        registry.release(room);
      }
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
