/**
 * Planning one batch of the history index, in memory: the logged updates decoded, grouped
 * into edit sessions (continuing each author's open one), and the rows to write —
 * sessions, one edit per update, created and deleted item ranges.
 */
import type { Logger } from 'pino';
import { authorKey, groupSessions, type EditFact, type SessionState } from '@/lib/history/group-sessions';
import { updateFacts, type UpdateFacts } from './yjs-facts';

/** Logged updates decoded in one go (a few milliseconds) before other work gets a turn. */
const DECODE_CHUNK = 50;

/** A logged update to index. */
export interface LogRow {
  id: number;
  update: Uint8Array;
  userId: string | null;
  delegationCode: string | null;
  clauseIds: string[];
  createdAt: Date;
}

/** Created items: contiguous spans of one client within one session become one row. */
interface Insertion {
  client: number;
  clock_start: number;
  clock_end: number;
  user_id: string | null;
  delegation_code: string | null;
  sid: number | null;
  sfirst: number | null;
  log_id: number;
  at: string;
  /** The client's first span in this batch: it may continue a row of an earlier batch. */
  first: boolean;
}

/** A session of the batch: one that continues (its id is known) or a new one, named by its first log id. */
type SessionRef = { sid: number | null; sfirst: number | null };

/** The facts of each row (null when it cannot be decoded), a few at a time: a long synchronous stretch would hold back every edit meanwhile. */
export async function decodeRows(draftId: string, rows: LogRow[], logger: Logger): Promise<Array<UpdateFacts | null>> {
  const facts: Array<UpdateFacts | null> = [];
  for (let i = 0; i < rows.length; i += 1) {
    if (i > 0 && i % DECODE_CHUNK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      facts.push(updateFacts(rows[i].update));
    } catch (err) {
      logger.warn({ err, draftId, logId: rows[i].id }, 'a logged update could not be decoded for the history index');
      facts.push(null);
    }
  }
  return facts;
}

/** The created and deleted item ranges of a batch, each with its session. */
function itemRanges(rows: LogRow[], facts: Array<UpdateFacts | null>, ref: SessionRef[], assignment: number[]) {
  const insertions: Insertion[] = [];
  const lastOfClient = new Map<number, Insertion>();
  const deletions: Array<Record<string, unknown>> = [];
  rows.forEach((row, i) => {
    const f = facts[i];
    if (!f) return;
    const session = ref[assignment[i]];
    const at = row.createdAt.toISOString();
    for (const span of f.created) {
      const last = lastOfClient.get(span.client);
      if (last && last.clock_end === span.clock && last.sid === session.sid && last.sfirst === session.sfirst) {
        last.clock_end = span.clock + span.len;
        continue;
      }
      const entry: Insertion = {
        client: span.client,
        clock_start: span.clock,
        clock_end: span.clock + span.len,
        user_id: row.userId,
        delegation_code: row.delegationCode,
        ...session,
        log_id: row.id,
        at,
        first: !last,
      };
      insertions.push(entry);
      lastOfClient.set(span.client, entry);
    }
    for (const span of f.deleted) {
      deletions.push({
        client: span.client,
        clock_start: span.clock,
        clock_end: span.clock + span.len,
        user_id: row.userId,
        delegation_code: row.delegationCode,
        log_id: row.id,
        at,
      });
    }
  });
  return { insertions, deletions };
}

/** What one batch writes, worked out from its rows, their facts and the authors' open sessions. */
export function planBatch(rows: LogRow[], facts: Array<UpdateFacts | null>, open: Map<string, SessionState>, ids: Map<string, number>, gapMs: number) {
  const edits: EditFact[] = rows.map((row, i) => ({
    logId: row.id,
    at: row.createdAt.getTime(),
    userId: row.userId,
    delegation: row.delegationCode,
    clauseIds: row.clauseIds,
    inserted: facts[i]?.insertedChars ?? 0,
    deleted: facts[i]?.deletedUnits ?? 0,
  }));
  const { sessions, assignment, fromOpen } = groupSessions(edits, open, gapMs);

  // A session is either one that continues (its id is known) or a new one, named by
  // its first log id (unique: an edit belongs to one session) until it is inserted.
  const ref: SessionRef[] = [];
  const continued: Array<Record<string, unknown>> = [];
  const fresh: Array<Record<string, unknown>> = [];
  const times = (s: SessionState) => ({
    started_at: new Date(s.startedAt).toISOString(),
    ended_at: new Date(s.endedAt).toISOString(),
    clause_ids: s.clauseIds,
    inserted: s.inserted,
    deleted: s.deleted,
    edits: s.edits,
    first_log_id: s.firstLogId,
    last_log_id: s.lastLogId,
  });
  sessions.forEach((s, i) => {
    const key = fromOpen.get(i);
    const id = key !== undefined ? ids.get(key) : undefined;
    if (id !== undefined) {
      ref[i] = { sid: id, sfirst: null };
      continued.push({ id, ...times(s) });
    } else {
      ref[i] = { sid: null, sfirst: s.firstLogId };
      fresh.push({ user_id: s.userId, delegation_code: s.delegation, ...times(s) });
    }
  });

  const editRows = rows.map((row, i) => ({
    log_id: row.id,
    ...ref[assignment[i]],
    at: row.createdAt.toISOString(),
    inserted: edits[i].inserted,
    deleted: edits[i].deleted,
  }));

  const { insertions, deletions } = itemRanges(rows, facts, ref, assignment);
  // Each author's newest session after this batch (the last one in creation order), for the next batch.
  const newest = new Map<string, { state: SessionState; sid: number | null }>();
  sessions.forEach((session, i) => newest.set(authorKey(session.userId, session.delegation), { state: session, sid: ref[i].sid }));
  return { continued, fresh, edits: editRows, insertions, deletions, newest };
}

export type BatchPlan = ReturnType<typeof planBatch>;
