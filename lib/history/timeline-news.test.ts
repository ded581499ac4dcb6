import { describe, expect, it } from 'vitest';
import { describeNews, mergeNews, timelineNews } from './timeline-news';
import type { CommentEntry, RevisionEntry, SessionEntry, StatusEntry, TimelineEntry } from './types';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 4, 14, minute)).toISOString();

function session(id: number, minute: number, delegation: string, edits: number, lastLogId = id * 100 + edits): SessionEntry {
  return {
    kind: 'session',
    source: 'session',
    id,
    at: at(minute),
    actor: { name: `${delegation} delegate`, role: 'delegate', delegation },
    startedAt: at(minute - 1),
    endedAt: at(minute),
    delegation,
    userName: `${delegation} delegate`,
    clauseIds: ['c1'],
    clauseNumbers: [1],
    inserted: edits * 3,
    deleted: 0,
    edits,
    firstLogId: id * 100,
    lastLogId,
  };
}

const revision = (id: number, minute: number, number: number): RevisionEntry => ({
  kind: 'revision',
  source: 'revision',
  id,
  at: at(minute),
  actor: { name: 'Secretariat', role: 'secretariat', delegation: null },
  revision: { number, label: `Rev.${number}`, note: null, createdAt: at(minute), createdBy: 'Secretariat', upToId: 1 },
});

const restore = (id: number, minute: number): StatusEntry => ({
  kind: 'status',
  source: 'decision',
  id,
  at: at(minute),
  actor: { name: 'Ana Ruiz', role: 'secretariat', delegation: null },
  clauseId: null,
  clauseNumbers: [1],
  action: 'history.restored',
  from: null,
  to: 'Rev.1',
  by: 'secretariat@accord.test',
  note: null,
});

const keys = (entries: TimelineEntry[]) => entries.map((e) => `${e.kind}:${e.id}`);

describe('timeline news', () => {
  const shown = [session(3, 30, 'FR', 4), revision(1, 20, 1), session(2, 10, 'DE', 7)];

  it('finds nothing new in the same page', () => {
    expect(timelineNews(shown, null, shown)).toBeNull();
  });

  it('counts the edits of new sessions and of sessions that grew, with their delegations', () => {
    const page = [session(4, 40, 'PL', 5), session(3, 35, 'FR', 9), revision(1, 20, 1), session(2, 10, 'DE', 7)];
    const news = timelineNews(page, null, shown)!;
    expect(news).toMatchObject({ edits: 5 + 5, editors: ['PL', 'FR'], revisions: [], restores: 0, decisions: 0, more: false });
    expect(describeNews(news)).toBe('10 new edits (PL, FR)');
  });

  it('reports revisions cut and restores', () => {
    const page = [restore(9, 50), revision(2, 45, 2), ...shown];
    const news = timelineNews(page, null, shown)!;
    expect(describeNews(news)).toBe('Rev.2 cut · 1 restore');
  });

  it('says there may be more when the page does not reach what is shown', () => {
    const page = [session(7, 59, 'UA', 2), session(6, 58, 'GB', 1)];
    const news = timelineNews(page, 'cursor-2', shown)!;
    expect(news.more).toBe(true);
    expect(describeNews(news)).toBe('3 new edits or more (UA, GB)');
  });

  it('merges a fresh page in order, replacing grown sessions and keeping older loaded pages and their cursor', () => {
    const older = [session(1, 5, 'IT', 2)];
    // FR's session grew and moved after Rev.2; the older page stays.
    const page = [session(3, 50, 'FR', 9), revision(2, 45, 2), revision(1, 20, 1), session(2, 10, 'DE', 7)];
    const merged = mergeNews(page, 'page-cursor', [...shown, ...older], 'older-cursor');
    expect(keys(merged.entries)).toEqual(['session:3', 'revision:2', 'revision:1', 'session:2', 'session:1']);
    expect((merged.entries[0] as SessionEntry).edits).toBe(9);
    expect(merged.cursor).toBe('older-cursor');
  });

  it('replaces the list when the fresh page does not reach it', () => {
    const page = [session(7, 59, 'UA', 2), session(6, 58, 'GB', 1)];
    const merged = mergeNews(page, 'page-cursor', shown, null);
    expect(keys(merged.entries)).toEqual(['session:7', 'session:6']);
    expect(merged.cursor).toBe('page-cursor');
  });
});

describe('timeline news of other records', () => {
  const comment = (id: string, minute: number): CommentEntry => ({
    kind: 'comment',
    source: 'comment',
    id,
    at: at(minute),
    actor: { name: 'Marie Dupont', role: 'delegate', delegation: 'FR' },
    threadId: id,
    clauseId: 'c1',
    clauseNumber: 1,
    reply: false,
    internal: false,
    team: null,
    quote: 'words',
    excerpt: 'A comment',
  });

  it('counts comments, brackets and alternatives apart from decisions, and orders UUID ids within a source', () => {
    const news = timelineNews([comment('b', 5), comment('a', 5)], null, [session(1, 1, 'FR', 2)]);
    expect(news).toMatchObject({ records: 2, decisions: 0 });
    expect(describeNews(news!)).toBe('2 new comments, brackets or alternatives');
    const merged = mergeNews([comment('a', 5), comment('b', 5), session(1, 1, 'FR', 2)], null, [session(1, 1, 'FR', 2)], null);
    expect(merged.entries.map((e) => e.id)).toEqual(['b', 'a', 1]);
  });
});
