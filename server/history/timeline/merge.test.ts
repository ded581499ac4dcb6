import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { sourceRank } from '@/lib/history/timeline-sources';
import { decodeCursor, encodeCursor, mergePage } from './merge';
import type { TimelineEntry } from '@/lib/history/types';

const at = (s: number) => new Date(Date.UTC(2026, 2, 4, 10, 0, s));
const revision = (id: number, s: number): TimelineEntry => ({
  kind: 'revision',
  source: 'revision',
  id,
  at: at(s).toISOString(),
  actor: null,
  revision: { number: id, label: `Rev.${id}`, note: null, createdAt: at(s).toISOString(), createdBy: 'Sec', upToId: 0 },
});
const position = (id: number, s: number): TimelineEntry => ({
  kind: 'position',
  source: 'position',
  id,
  at: at(s).toISOString(),
  actor: null,
  clauseId: 'c',
  clauseNumber: 1,
  delegation: 'FR',
  from: null,
  to: 'support',
  by: 'A',
  statedBy: null,
  confirmed: false,
});

describe('mergePage', () => {
  it('orders newest first, then by source rank, then id, and strips the ordering keys', () => {
    const page = mergePage([position(1, 5), revision(2, 5), position(3, 9), position(4, 5)], 10);
    expect(page.entries.map((e) => `${e.kind}:${e.id}`)).toEqual(['position:3', 'revision:2', 'position:4', 'position:1']);
    expect(page.nextCursor).toBeNull();
  });

  it('hands out a cursor naming the last entry when more remain', () => {
    const page = mergePage([position(1, 1), position(2, 2), revision(3, 3)], 2);
    expect(page.entries).toHaveLength(2);
    expect(decodeCursor(page.nextCursor!)).toEqual({ t: at(2).getTime(), r: sourceRank('position'), id: 2 });
  });
});

describe('cursor', () => {
  it('round-trips and refuses what it did not hand out', () => {
    expect(decodeCursor(encodeCursor({ t: 1, r: 2, id: 3 }))).toEqual({ t: 1, r: 2, id: 3 });
    expect(() => decodeCursor('not-a-cursor')).toThrow(AppError);
    expect(() => decodeCursor(Buffer.from('{"t":1}').toString('base64url'))).toThrow(/cursor/);
  });
});
