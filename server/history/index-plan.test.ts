import { describe, expect, it } from 'vitest';
import type { UpdateFacts } from './yjs-facts';
import { planBatch, type LogRow } from './index-plan';

const T0 = new Date('2026-03-04T10:00:00Z').getTime();

function row(id: number, seconds: number, userId: string | null, delegation: string | null): LogRow {
  return { id, update: new Uint8Array(), userId, delegationCode: delegation, clauseIds: ['c1'], createdAt: new Date(T0 + seconds * 1000) };
}

function facts(created: Array<[number, number, number]>, deleted: Array<[number, number, number]> = []): UpdateFacts {
  return {
    created: created.map(([client, clock, len]) => ({ client, clock, len })),
    deleted: deleted.map(([client, clock, len]) => ({ client, clock, len })),
    insertedChars: created.reduce((n, [, , len]) => n + len, 0),
    deletedUnits: deleted.reduce((n, [, , len]) => n + len, 0),
  } as UpdateFacts;
}

const GAP = 120_000;

describe('planBatch', () => {
  it('groups one author into a new session and merges touching spans of one client', () => {
    const rows = [row(1, 0, 'u1', 'FR'), row(2, 5, 'u1', 'FR')];
    const plan = planBatch(rows, [facts([[7, 0, 5]]), facts([[7, 5, 3]])], new Map(), new Map(), GAP);
    expect(plan.fresh).toHaveLength(1);
    expect(plan.fresh[0]).toMatchObject({ user_id: 'u1', delegation_code: 'FR', inserted: 8, edits: 2, first_log_id: 1, last_log_id: 2 });
    expect(plan.continued).toEqual([]);
    expect(plan.edits.map((e) => [e.log_id, e.sid, e.sfirst])).toEqual([
      [1, null, 1],
      [2, null, 1],
    ]);
    expect(plan.insertions).toHaveLength(1);
    expect(plan.insertions[0]).toMatchObject({ client: 7, clock_start: 0, clock_end: 8, first: true, sfirst: 1 });
  });

  it('continues an author’s open session by its id, and records deletions', () => {
    const open = new Map([
      [
        'u1|FR',
        {
          userId: 'u1',
          delegation: 'FR',
          startedAt: T0 - 60_000,
          endedAt: T0 - 10_000,
          clauseIds: ['c1'],
          inserted: 4,
          deleted: 0,
          edits: 1,
          firstLogId: 0,
          lastLogId: 0,
        },
      ],
    ]);
    const plan = planBatch([row(3, 0, 'u1', 'FR')], [facts([], [[7, 1, 2]])], open, new Map([['u1|FR', 42]]), GAP);
    expect(plan.fresh).toEqual([]);
    expect(plan.continued).toEqual([expect.objectContaining({ id: 42, edits: 2, deleted: 2 })]);
    expect(plan.edits[0]).toMatchObject({ log_id: 3, sid: 42, sfirst: null });
    expect(plan.deletions).toEqual([expect.objectContaining({ client: 7, clock_start: 1, clock_end: 3, user_id: 'u1', log_id: 3 })]);
    expect(plan.newest.get('u1|FR')?.sid).toBe(42);
  });

  it('starts a new session after the gap and keeps an undecodable row as an empty edit', () => {
    const rows = [row(1, 0, 'u1', 'FR'), row(2, 600, 'u1', 'FR')];
    const plan = planBatch(rows, [facts([[7, 0, 2]]), null], new Map(), new Map(), GAP);
    expect(plan.fresh.map((s) => s.first_log_id)).toEqual([1, 2]);
    expect(plan.edits[1]).toMatchObject({ log_id: 2, inserted: 0, deleted: 0, sfirst: 2 });
    expect(plan.insertions).toHaveLength(1);
  });
});
