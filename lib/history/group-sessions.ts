/**
 * Edit sessions: one person's consecutive edits with no pause longer than a gap. The
 * server keeps them incrementally (each new logged update extends its author's open
 * session or starts a new one), so the timeline never groups the whole log on a read.
 */

/** The default pause that ends a session. */
export const SESSION_GAP_MS = 2 * 60 * 1000;

export interface EditFact {
  logId: number;
  /** Milliseconds since the epoch. */
  at: number;
  userId: string | null;
  delegation: string | null;
  clauseIds: readonly string[];
  /** Characters (Yjs clock units) inserted and deleted. */
  inserted: number;
  deleted: number;
}

export interface SessionState {
  userId: string | null;
  delegation: string | null;
  startedAt: number;
  endedAt: number;
  clauseIds: string[];
  inserted: number;
  deleted: number;
  edits: number;
  firstLogId: number;
  lastLogId: number;
}

/** Whether an edit belongs to an author's open session (same person and delegation, within the gap on either side). */
export function continuesSession(session: SessionState, edit: EditFact, gapMs = SESSION_GAP_MS): boolean {
  return session.userId === edit.userId && session.delegation === edit.delegation && edit.at - session.endedAt <= gapMs && session.startedAt - edit.at <= gapMs;
}

export function startSession(edit: EditFact): SessionState {
  return {
    userId: edit.userId,
    delegation: edit.delegation,
    startedAt: edit.at,
    endedAt: edit.at,
    clauseIds: [...new Set(edit.clauseIds)],
    inserted: edit.inserted,
    deleted: edit.deleted,
    edits: 1,
    firstLogId: edit.logId,
    lastLogId: edit.logId,
  };
}

/** The session with one more edit (a new object; the input is not changed). */
export function extendSession(session: SessionState, edit: EditFact): SessionState {
  const clauseIds = session.clauseIds.slice();
  for (const id of edit.clauseIds) if (!clauseIds.includes(id)) clauseIds.push(id);
  return {
    ...session,
    startedAt: Math.min(session.startedAt, edit.at),
    endedAt: Math.max(session.endedAt, edit.at),
    clauseIds,
    inserted: session.inserted + edit.inserted,
    deleted: session.deleted + edit.deleted,
    edits: session.edits + 1,
    firstLogId: Math.min(session.firstLogId, edit.logId),
    lastLogId: Math.max(session.lastLogId, edit.logId),
  };
}

/** Key of an author's open session. */
export function authorKey(userId: string | null, delegation: string | null): string {
  return `${userId ?? '-'}|${delegation ?? '-'}`;
}

/**
 * Group edits (in log order) into sessions, starting from each author's open session
 * when given. Returns every session touched or created, in order of creation, with the
 * index of the session each edit went to.
 */
export function groupSessions(
  edits: readonly EditFact[],
  open: ReadonlyMap<string, SessionState> = new Map(),
  gapMs = SESSION_GAP_MS,
): { sessions: SessionState[]; assignment: number[]; fromOpen: Map<number, string> } {
  const sessions: SessionState[] = [];
  const current = new Map<string, number>();
  const fromOpen = new Map<number, string>();
  const assignment: number[] = [];
  for (const edit of edits) {
    const key = authorKey(edit.userId, edit.delegation);
    let index = current.get(key);
    if (index === undefined) {
      const existing = open.get(key);
      if (existing) {
        index = sessions.push(existing) - 1;
        fromOpen.set(index, key);
        current.set(key, index);
      }
    }
    if (index !== undefined && continuesSession(sessions[index], edit, gapMs)) {
      sessions[index] = extendSession(sessions[index], edit);
    } else {
      index = sessions.push(startSession(edit)) - 1;
      current.set(key, index);
    }
    assignment.push(index);
  }
  return { sessions, assignment, fromOpen };
}
