/**
 * One complete record: the history timeline holds comments (public ones for everyone,
 * internal notes only for their own team), brackets and alternatives with every event
 * of their life, each entry naming its actor the same way; it filters by kind and
 * delegation and pages across sources. Compare names points by revision, time and
 * author, never by a log number.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlternativeDto, BracketDto, DraftDetail } from '@/lib/api/types';
import type { CommentThreadDto } from '@/lib/api/comment-types';
import { clauseField } from '@/lib/collab/clause-field';
import { anchorInText } from '@/lib/comments/comment-anchor';
import type { AlternativeEntry, BracketEntry, CommentEntry, CompareDto, TimelineEntry, TimelinePage } from '@/lib/history/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

type Who = 'fr' | 'de' | 'pl' | 'observer' | 'secretariat';

let server: RunningServer;
let draft: DraftDetail;
let reader: ConnectedProvider;
const cookies = {} as Record<Who, string>;

async function call<T = unknown>(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: cookies[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

const api = (path = '') => `/api/drafts/${draft.id}${path}`;
const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;

function rangeOf(n: number, words: string): { from: number; to: number } {
  const text = clauseText(reader.doc, clause(n).id);
  const from = text.indexOf(words);
  if (from < 0) throw new Error(`"${words}" is not in clause ${n}: ${text}`);
  return { from, to: from + words.length };
}

async function comment(who: Who, n: number, body: string, visibility: 'everyone' | 'delegation') {
  const fragment = reader.doc.getXmlFragment(clauseField(clause(n).id));
  const paragraph = fragment.toArray().find((node) => node instanceof Y.XmlElement && node.length > 0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const res = await call<CommentThreadDto>(who, 'POST', api('/comments'), {
    clauseId: clause(n).id,
    anchor: anchorInText(text, 0, 8),
    quote: text.toString().slice(0, 8),
    body,
    visibility,
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** Every entry of the timeline as `who` sees it, page by page. */
async function timeline(who: Who, query = '', limit = 100): Promise<TimelineEntry[]> {
  const all: TimelineEntry[] = [];
  let cursor: string | null = null;
  do {
    const params: string = `limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { status: number; body: TimelinePage } = await call<TimelinePage>(who, 'GET', api(`/history/timeline?${params}`));
    expect(page.status).toBe(200);
    all.push(...page.body.entries);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

const comments = (entries: TimelineEntry[]) => entries.filter((e): e is CommentEntry => e.kind === 'comment').map((e) => e.excerpt);

const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'pl', 'observer', 'secretariat'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
  reader = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.secretariat });
  await reader.waitSynced();

  const publicThread = await comment('fr', 2, 'FR public remark on the scope', 'everyone');
  await comment('fr', 2, 'FR internal: hold this line', 'delegation');
  await comment('secretariat', 3, 'Secretariat internal: chair to raise', 'delegation');
  expect((await call('de', 'POST', api(`/comments/${publicThread.id}/replies`), { body: 'DE reply on the scope' })).status).toBe(201);

  const bracket = await call<BracketDto>('fr', 'POST', api(`/clauses/${clause(1).id}/brackets`), { span: { range: rangeOf(1, 'renewed aggression') } });
  expect(bracket.status).toBe(201);
  ids.bracket = bracket.body.id;
  expect((await call('fr', 'POST', api(`/brackets/${bracket.body.id}/remove`))).status).toBe(200);

  const alt2 = await call<AlternativeDto>('de', 'POST', api(`/clauses/${clause(7).id}/alternatives`), {
    body: 'the Black Sea region',
    span: { range: rangeOf(7, 'mine clearance') },
  });
  expect(alt2.status).toBe(201);
  const alt3 = await call<AlternativeDto>('pl', 'POST', api(`/clauses/${clause(7).id}/alternatives`), { body: 'demining', competesWith: alt2.body.id });
  expect(alt3.status).toBe(201);
  expect((await call('fr', 'PUT', api(`/alternatives/${alt2.body.id}/backing`), { backed: true })).status).toBe(200);
  expect((await call('secretariat', 'POST', api(`/alternatives/${alt2.body.id}/adopt`))).status).toBe(200);
  const alt4 = await call<AlternativeDto>('de', 'POST', api(`/clauses/${clause(9).id}/alternatives`), { body: 'A whole new clause nine.' });
  expect(alt4.status).toBe(201);
  expect((await call('de', 'POST', api(`/alternatives/${alt4.body.id}/withdraw`))).status).toBe(200);
  Object.assign(ids, { alt2: alt2.body.id, alt3: alt3.body.id, alt4: alt4.body.id });
});

afterAll(async () => {
  reader?.destroy();
  await server?.stop();
});

describe('the timeline as one complete record', () => {
  it('shows public comments to everyone and internal notes only to their own team', async () => {
    expect(comments(await timeline('fr'))).toEqual(
      expect.arrayContaining(['FR public remark on the scope', 'FR internal: hold this line', 'DE reply on the scope']),
    );
    expect(comments(await timeline('fr'))).not.toContain('Secretariat internal: chair to raise');
    const de = comments(await timeline('de'));
    expect(de).toEqual(expect.arrayContaining(['FR public remark on the scope', 'DE reply on the scope']));
    expect(de).not.toContain('FR internal: hold this line');
    expect(de).not.toContain('Secretariat internal: chair to raise');
    const secretariat = comments(await timeline('secretariat'));
    expect(secretariat).toContain('Secretariat internal: chair to raise');
    expect(secretariat).not.toContain('FR internal: hold this line');
    const observer = comments(await timeline('observer'));
    expect(observer).not.toContain('FR internal: hold this line');
    expect(observer).not.toContain('Secretariat internal: chair to raise');
    // Filtering by delegation or kind never lets a note through either.
    expect(comments(await timeline('de', 'delegation=FR&kind=comment'))).toEqual(['FR public remark on the scope']);
  });

  it('names each comment, its clause and its actor, and marks internal notes', async () => {
    const fr = (await timeline('fr', 'kind=comment')).filter((e): e is CommentEntry => e.kind === 'comment');
    const note = fr.find((e) => e.excerpt === 'FR internal: hold this line')!;
    expect(note).toMatchObject({ source: 'comment', reply: false, internal: true, team: 'FR', clauseNumber: 2, actor: { role: 'delegate', delegation: 'FR' } });
    const reply = fr.find((e) => e.excerpt === 'DE reply on the scope')!;
    expect(reply).toMatchObject({ source: 'reply', reply: true, internal: false, clauseNumber: 2, actor: { delegation: 'DE' } });
    expect(fr.every((e) => e.kind === 'comment')).toBe(true);
  });

  it('holds brackets added and removed, and alternatives proposed, backed, adopted, archived and withdrawn', async () => {
    const brackets = (await timeline('observer', 'kind=bracket')) as BracketEntry[];
    expect(
      brackets
        .filter((b) => b.id === ids.bracket)
        .map((b) => b.event)
        .sort(),
    ).toEqual(['added', 'removed']);
    expect(brackets.find((b) => b.id === ids.bracket && b.event === 'removed')).toMatchObject({
      clauseNumber: 1,
      quote: 'renewed aggression',
      actor: { delegation: 'FR' },
    });

    const alternatives = (await timeline('observer', 'kind=alternative')) as AlternativeEntry[];
    const events = (id: string) =>
      alternatives
        .filter((a) => a.id === id)
        .map((a) => a.event)
        .sort();
    expect(events(ids.alt2)).toEqual(['adopted', 'proposed']);
    expect(events(ids.alt3)).toEqual(['archived', 'proposed']);
    expect(events(ids.alt4)).toEqual(['proposed', 'withdrawn']);
    expect(alternatives.find((a) => a.event === 'backed')).toMatchObject({ number: 2, clauseNumber: 7, delegation: 'FR', actor: { delegation: 'FR' } });
    expect(alternatives.find((a) => a.id === ids.alt2 && a.event === 'adopted')).toMatchObject({ number: 2, actor: { role: 'secretariat' } });
    // By delegation: what DE proposed and withdrew, not PL's wording.
    const byDe = (await timeline('observer', 'kind=alternative&delegation=DE')) as AlternativeEntry[];
    expect(byDe.some((a) => a.id === ids.alt3)).toBe(false);
    expect(byDe.filter((a) => a.id === ids.alt4)).toHaveLength(2);
  });

  it('pages across every source without losing or repeating an entry, newest first', async () => {
    typeInClause(reader.doc, clause(4).id, ' Edited for the record.');
    await expect.poll(async () => (await timeline('fr', 'kind=session')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const whole = await timeline('fr');
    const paged = await timeline('fr', '', 3);
    const key = (e: TimelineEntry) => `${e.source}:${e.id}`;
    expect(paged.map(key)).toEqual(whole.map(key));
    expect(new Set(paged.map(key)).size).toBe(paged.length);
    for (let i = 1; i < whole.length; i += 1) expect(Date.parse(whole[i - 1].at)).toBeGreaterThanOrEqual(Date.parse(whole[i].at));
    expect([...new Set(whole.map((e) => e.kind))]).toEqual(expect.arrayContaining(['session', 'comment', 'bracket', 'alternative', 'position']));
  });

  it('refuses a kind it does not know', async () => {
    const res = await call<{ error: { message: string } }>('fr', 'GET', api('/history/timeline?kind=comment,gossip'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/kind/);
  });
});

describe('compare points', () => {
  it('labels the draft start and a change by time and author, never by a log number', async () => {
    const sessions = (await timeline('fr', 'kind=session')).filter((e) => e.kind === 'session');
    const last = sessions[0];
    expect(last.kind).toBe('session');
    if (last.kind !== 'session') return;
    const res = await call<CompareDto>('fr', 'GET', api(`/history/compare?from=start&to=log:${last.lastLogId}`));
    expect(res.status).toBe(200);
    // The start is the draft as first stored (the seeded text), not the empty document.
    expect(res.body.from).toMatchObject({ spec: 'start', label: 'Start of the draft' });
    expect(res.body.from.logId).toBeGreaterThan(0);
    const changed = res.body.summary.changedClauses.map((c) => c.number);
    expect(changed).toContain(4);
    expect(changed.length).toBeLessThan(draft.clauses.length);
    const before = await call<CompareDto>('fr', 'GET', api('/history/compare?from=log:0&to=start'));
    expect(before.body.from.label).toBe('Before the first change');
    expect(res.body.to.label).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
    expect(res.body.to.by).toMatch(/^Secretariat · /);
    expect(JSON.stringify([res.body.from.label, res.body.to.label])).not.toMatch(/Change|log/);
  });
});
