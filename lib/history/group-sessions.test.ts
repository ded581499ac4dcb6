import { describe, expect, it } from 'vitest';
import { continuesSession, groupSessions, SESSION_GAP_MS, startSession, type EditFact } from './group-sessions';

const T0 = Date.parse('2026-03-04T10:00:00Z');
const MIN = 60_000;
let nextLog = 1;
function edit(user: string | null, delegation: string | null, minutes: number, clauses: string[] = ['c1'], inserted = 1, deleted = 0): EditFact {
  return { logId: nextLog++, at: T0 + minutes * MIN, userId: user, delegation, clauseIds: clauses, inserted, deleted };
}

describe('groupSessions', () => {
  it('puts one person’s consecutive edits within the gap into one session', () => {
    const edits = [edit('u1', 'FR', 0), edit('u1', 'FR', 1), edit('u1', 'FR', 2.5, ['c2'], 3, 2)];
    const { sessions, assignment } = groupSessions(edits);
    expect(sessions).toHaveLength(1);
    expect(assignment).toEqual([0, 0, 0]);
    expect(sessions[0]).toMatchObject({
      userId: 'u1',
      delegation: 'FR',
      startedAt: T0,
      endedAt: T0 + 2.5 * MIN,
      clauseIds: ['c1', 'c2'],
      inserted: 5,
      deleted: 2,
      edits: 3,
      firstLogId: edits[0].logId,
      lastLogId: edits[2].logId,
    });
  });

  it('starts a new session after a pause longer than the gap (exactly the gap still continues)', () => {
    const edits = [edit('u1', 'FR', 0), edit('u1', 'FR', 2), edit('u1', 'FR', 4.01)];
    const { sessions, assignment } = groupSessions(edits);
    expect(sessions).toHaveLength(2);
    expect(assignment).toEqual([0, 0, 1]);
  });

  it('keeps interleaved authors apart, each with their own session', () => {
    const edits = [edit('u1', 'FR', 0), edit('u2', 'DE', 0.5), edit('u1', 'FR', 1), edit('u2', 'DE', 1.5), edit('u3', 'PL', 1.6)];
    const { sessions, assignment } = groupSessions(edits);
    expect(sessions.map((s) => [s.userId, s.edits])).toEqual([
      ['u1', 2],
      ['u2', 2],
      ['u3', 1],
    ]);
    expect(assignment).toEqual([0, 1, 0, 1, 2]);
  });

  it('separates a person who changed delegation, and server edits without a person', () => {
    const edits = [edit('u1', 'FR', 0), edit('u1', 'BE', 0.2), edit(null, null, 0.3), edit(null, null, 0.4)];
    const { sessions } = groupSessions(edits);
    expect(sessions.map((s) => [s.userId, s.delegation, s.edits])).toEqual([
      ['u1', 'FR', 1],
      ['u1', 'BE', 1],
      [null, null, 2],
    ]);
  });

  it('continues an author’s open session from a previous batch', () => {
    const first = groupSessions([edit('u1', 'FR', 0)]);
    const open = new Map([['u1|FR', first.sessions[0]]]);
    const second = groupSessions([edit('u1', 'FR', 1), edit('u2', 'DE', 1)], open);
    expect(second.sessions).toHaveLength(2);
    expect(second.fromOpen.get(0)).toBe('u1|FR');
    expect(second.sessions[0].edits).toBe(2);
    expect(second.sessions[0].startedAt).toBe(T0);
  });

  it('accepts an edit logged slightly out of time order into the session', () => {
    const session = startSession(edit('u1', 'FR', 10));
    expect(continuesSession(session, edit('u1', 'FR', 9), SESSION_GAP_MS)).toBe(true);
    expect(continuesSession(session, edit('u1', 'FR', 7), SESSION_GAP_MS)).toBe(false);
    const { sessions } = groupSessions([edit('u1', 'FR', 10), edit('u1', 'FR', 9.5)]);
    expect(sessions[0].startedAt).toBe(T0 + 9.5 * MIN);
    expect(sessions[0].endedAt).toBe(T0 + 10 * MIN);
  });

  it('honours a custom gap', () => {
    const { sessions } = groupSessions([edit('u1', 'FR', 0), edit('u1', 'FR', 0.5)], new Map(), 10_000);
    expect(sessions).toHaveLength(2);
  });
});
