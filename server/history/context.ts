/**
 * What the history use cases share: their dependencies, refusals as AppErrors, and the
 * lookups they all make — user names, revisions, resolving a point (`rev:2`, `now`,
 * a time, a log id) and loading the document at it.
 */
import { and, asc, desc, eq, inArray, lte, max } from 'drizzle-orm';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import { actorLabel } from '@/lib/ui/people';
import { formatPoint, parsePoint, type HistoryPoint } from '@/lib/history/point';
import type { ClauseTextDto, ResolvedPointDto, RevisionDto } from '@/lib/history/types';
import type { HistoryEvents } from '@/lib/realtime/events';
import type { Checkpointer } from '../collab/checkpointer';
import type { RoomRegistry } from '../collab/room-registry';
import type { Database } from '../db/client';
import { historyEdits, revisions, users, yjsUpdates } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import { loadDocAt } from './doc-at';
import type { HistoryIndexer } from './history-indexer';
import { identifiedText } from './yjs-facts';

export interface HistoryPublisher {
  publish<E extends keyof HistoryEvents>(draftId: string, event: E, payload: HistoryEvents[E]): void;
}

export interface HistoryServiceOptions {
  db: Database;
  drafts: DraftStore;
  indexer: HistoryIndexer;
  registry: RoomRegistry;
  checkpointer: Checkpointer;
  publisher: HistoryPublisher;
  logger: Logger;
  /** Told after a restore changed clauses (the notifications of text replaced by the secretariat). */
  onTextReplaced?(event: TextReplacedEvent): Promise<void>;
}

/** The secretariat replaced clause text (a restore here, an adoption in server/brackets). */
export interface TextReplacedEvent {
  draftId: string;
  clauses: Array<{ clauseId: string; number: number | null }>;
  cause: 'restore' | 'adoption';
  summary: string;
  refId: string;
  actor: Identity;
}

export const forbidden = (message: string) => new AppError('forbidden', { message });
export const badRequest = (message: string) => new AppError('bad_request', { message });
export const notFound = (message: string) => new AppError('not_found', { message });

/** Clock skew tolerated before a requested time counts as "in the future". */
const FUTURE_SKEW_MS = 5000;

export const revisionLabel = (n: number) => `Rev.${n}`;

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

export function toRevisionDto(row: { number: number; note: string | null; createdAt: Date; createdByName: string | null; upToId: number }): RevisionDto {
  return {
    number: row.number,
    label: revisionLabel(row.number),
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByName ?? 'Secretariat',
    upToId: row.upToId,
  };
}

/** Parse a point given by the caller (`rev:2`, `now`, an ISO time, `log:12`); `fallback` when absent. */
export function parsePointOrThrow(raw: string | undefined, fallback: HistoryPoint = { kind: 'now' }): HistoryPoint {
  if (raw === undefined) return fallback;
  const result = parsePoint(raw);
  if (!result.ok) throw badRequest(result.message);
  return result.point;
}

/** The plain text of every clause in a document. */
export function clauseTexts(doc: Y.Doc, clauses: ClauseSummary[]): ClauseTextDto[] {
  return clauses.map((c) => ({ clauseId: c.id, number: c.number, title: c.title, text: identifiedText(doc.getXmlFragment(clauseField(c.id))).text }));
}

export function createHistoryContext(options: HistoryServiceOptions) {
  const { db, drafts, indexer, registry } = options;

  async function names(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (unique.length === 0) return new Map();
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function revisionRow(draftId: string, number: number) {
    const [row] = await db
      .select({
        number: revisions.number,
        note: revisions.note,
        createdAt: revisions.createdAt,
        createdByName: revisions.createdByName,
        upToId: revisions.upToId,
        state: revisions.state,
        clauses: revisions.clauses,
      })
      .from(revisions)
      .where(and(eq(revisions.draftId, draftId), eq(revisions.number, number)))
      .limit(1);
    if (!row) throw notFound(`There is no ${revisionLabel(number)} of this draft.`);
    return row;
  }

  /** The newest logged change of a draft up to `logId` (all when absent): its id, time and author. */
  async function lastChange(draftId: string, logId?: number): Promise<{ id: number; at: Date | null; by: string | null }> {
    const [row] = await db
      .select({ id: yjsUpdates.id, at: yjsUpdates.createdAt, userId: yjsUpdates.userId, delegation: yjsUpdates.delegationCode })
      .from(yjsUpdates)
      .where(and(eq(yjsUpdates.draftId, draftId), logId === undefined ? undefined : lte(yjsUpdates.id, logId)))
      .orderBy(desc(yjsUpdates.id))
      .limit(1);
    if (!row) return { id: 0, at: null, by: null };
    return { id: row.id, at: row.at, by: row.userId ? await personLabel(row.userId, row.delegation) : null };
  }

  /** "FR · Marie Dupont" for the author of a change (the delegation they wrote for). */
  async function personLabel(userId: string, delegation: string | null): Promise<string | null> {
    const [person] = await db.select({ name: users.name, role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
    return person ? actorLabel({ name: person.name, role: person.role, delegation }) : null;
  }

  async function globalLastLog(): Promise<number> {
    const [row] = await db.select({ id: max(yjsUpdates.id) }).from(yjsUpdates);
    return Number(row?.id ?? 0);
  }

  /** Resolve a point (already parsed) to the update-log id it stands for. */
  async function resolve(draftId: string, point: HistoryPoint): Promise<ResolvedPointDto> {
    switch (point.kind) {
      case 'now': {
        const last = await lastChange(draftId);
        return { spec: 'now', logId: last.id, at: last.at?.toISOString() ?? null, label: 'Now', by: last.by };
      }
      case 'revision': {
        const [row] = await db
          .select({ number: revisions.number, createdAt: revisions.createdAt, upToId: revisions.upToId, createdByName: revisions.createdByName })
          .from(revisions)
          .where(and(eq(revisions.draftId, draftId), eq(revisions.number, point.number)))
          .limit(1);
        if (!row) throw notFound(`There is no ${revisionLabel(point.number)} of this draft.`);
        const by = actorLabel({ name: row.createdByName ?? 'Secretariat', role: 'secretariat', delegation: null });
        return { spec: formatPoint(point), logId: row.upToId, at: row.createdAt.toISOString(), label: revisionLabel(row.number), by, revision: row.number };
      }
      case 'start': {
        // The draft as first stored (its initial text); before any change, the empty text.
        const [first] = await db
          .select({ id: yjsUpdates.id, at: yjsUpdates.createdAt })
          .from(yjsUpdates)
          .where(eq(yjsUpdates.draftId, draftId))
          .orderBy(asc(yjsUpdates.id))
          .limit(1);
        return { spec: 'start', logId: first?.id ?? 0, at: first?.at.toISOString() ?? null, label: 'Start of the draft', by: null };
      }
      case 'log': {
        const last = await lastChange(draftId);
        if (point.id > last.id && point.id > (await globalLastLog())) {
          throw badRequest(`log:${point.id} is after the newest change of this draft (log:${last.id}); a point cannot be in the future.`);
        }
        // Labelled by its time and author, never by the log number (which means nothing to a reader).
        const change = await lastChange(draftId, point.id);
        if (!change.at) return { spec: formatPoint(point), logId: point.id, at: null, label: 'Before the first change', by: null };
        return { spec: formatPoint(point), logId: point.id, at: change.at.toISOString(), label: `${DATE_TIME.format(change.at)} UTC`, by: change.by };
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

  /** Parse and resolve a point given by the caller. */
  function resolveRaw(draftId: string, raw: string | undefined): Promise<ResolvedPointDto> {
    return resolve(draftId, parsePointOrThrow(raw));
  }

  function clauseList(draftId: string): Promise<ClauseSummary[]> {
    return drafts.unsafeClauses(draftId);
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

  return { ...options, names, revisionRow, resolve, resolveRaw, clauseList, docAt, withDocAt, flushLive };
}

export type HistoryContext = ReturnType<typeof createHistoryContext>;
