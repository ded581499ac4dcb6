/**
 * Brackets and alternative wordings against the real server with raw clients: who may
 * add and remove brackets (HTTP answers 403/404/400), that brackets keep to their words
 * while others edit, that they make consensus pending live, and that the secretariat's
 * adoption of an alternative changes the stored text for every connected Yjs client.
 */
import crypto from 'node:crypto';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AdoptionDto, AlternativeDto, AuditPage, BracketDto, ConsensusDto, DraftDetail } from '@/lib/api/types';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

type Who = 'fr' | 'de' | 'pl' | 'observer' | 'secretariat' | 'outsider';
type ErrorBody = { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

let server: RunningServer;
let draft: DraftDetail;
const cookies = {} as Record<Who, string>;
const sockets: Socket[] = [];
const providers: ConnectedProvider[] = [];

const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;

async function call<T = unknown>(who: Who | null, method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const api = (path = '') => `/api/drafts/${draft.id}${path}`;

async function consensusOf(n: number): Promise<ConsensusDto> {
  const { body } = await call<ConsensusDto[]>('secretariat', 'GET', api('/consensus'));
  return body.find((c) => c.clauseId === clause(n).id)!;
}

async function liveSocket(who: Who): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: cookies[who] },
    reconnection: false,
  });
  sockets.push(socket);
  const ack = await socket.emitWithAck('draft:join', { draftId: draft.id });
  expect(ack.ok).toBe(true);
  return socket;
}

async function yjs(who: Who): Promise<ConnectedProvider> {
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who] });
  providers.push(p);
  await p.waitSynced();
  return p;
}

/** The plain-text range of `words` in clause `n` as a client sees it. */
function rangeOf(doc: ConnectedProvider['doc'], n: number, words: string): { from: number; to: number } {
  const text = clauseText(doc, clause(n).id);
  const from = text.indexOf(words);
  if (from < 0) throw new Error(`"${words}" is not in clause ${n}: ${text}`);
  return { from, to: from + words.length };
}

/** Deletes `words` from the paragraph of clause `n` that holds them, as an editor would. */
function deleteWords(doc: ConnectedProvider['doc'], n: number, words: string): void {
  for (const block of doc.getXmlFragment(`clause:${clause(n).id}`).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    for (const child of block.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      const at = child.toString().indexOf(words);
      if (at >= 0) return child.delete(at, words.length);
    }
  }
  throw new Error(`"${words}" is not in clause ${n}`);
}

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'pl', 'observer', 'secretariat'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  // Someone with an account who was never invited to the draft.
  const created = await call<{ password: string }>('secretariat', 'POST', '/api/users', { email: 'outsider@accord.test', name: 'Out Sider', role: 'observer' });
  expect(created.status).toBe(201);
  cookies.outsider = await signIn(server.url, 'outsider@accord.test', created.body.password);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const p of providers) p.destroy();
  await server?.stop();
});

describe('brackets', () => {
  let frBracket: BracketDto;

  it('records who bracketed which words, makes consensus pending live, and refuses agreement without override', async () => {
    expect(await consensusOf(1)).toMatchObject({ state: 'consensus', openBrackets: 0 });
    const de = await liveSocket('de');
    const bracketEvents: BracketDto[] = [];
    const consensusEvents: ConsensusDto[] = [];
    de.on('bracket:updated', (e) => bracketEvents.push(e.bracket));
    de.on('consensus:updated', (e) => consensusEvents.push(...e.consensus));

    const reader = await yjs('secretariat');
    const words = 'renewed aggression';
    const res = await call<BracketDto>('fr', 'POST', api(`/clauses/${clause(1).id}/brackets`), {
      span: { range: rangeOf(reader.doc, 1, words) },
      quote: words,
    });
    expect(res.status).toBe(201);
    frBracket = res.body;
    expect(frBracket).toMatchObject({
      clauseId: clause(1).id,
      quote: words,
      delegation: 'FR',
      proposedBy: 'Camille Laurent',
      state: 'open',
      current: { text: words },
    });
    expect(Date.now() - Date.parse(frBracket.proposedAt)).toBeLessThan(60_000);

    await expect.poll(() => bracketEvents.map((b) => b.id)).toContain(frBracket.id);
    await expect.poll(() => consensusEvents.filter((c) => c.clauseId === clause(1).id).at(-1)?.state).toBe('pending');
    expect(await consensusOf(1)).toMatchObject({ state: 'pending', openBrackets: 1, brackets: { typed: 0, recorded: 1, alternatives: 0 } });

    const agree = await call<ErrorBody>('secretariat', 'POST', api(`/clauses/${clause(1).id}/status`), { status: 'agreed' });
    expect(agree.status).toBe(409);
    expect(agree.body.error.message).toMatch(/1 open bracket \(1 recorded\)/);
  });

  it('keeps the bracket on the same words while another delegation edits before and inside them', async () => {
    const pl = await yjs('pl');
    const added = await call<BracketDto>('fr', 'POST', api(`/clauses/${clause(16).id}/brackets`), {
      span: { range: rangeOf(pl.doc, 16, 'review the framework') },
    });
    expect(added.status).toBe(201);
    typeInClause(pl.doc, clause(16).id, 'In common, ', 0);
    const text = clauseText(pl.doc, clause(16).id);
    typeInClause(pl.doc, clause(16).id, ' jointly', text.indexOf('review') + 'review'.length);
    await expect
      .poll(
        async () => (await call<BracketDto[]>('de', 'GET', api(`/brackets?clauseId=${clause(16).id}`))).body.find((b) => b.id === added.body.id)?.current?.text,
      )
      .toBe('review jointly the framework');
    expect(added.body.quote).toBe('review the framework');
  });

  it('lets only the secretariat or the proposing delegation remove it (403 otherwise), and keeps it as history', async () => {
    const remove = (who: Who, id = frBracket.id) => call<BracketDto & ErrorBody>(who, 'POST', api(`/brackets/${id}/remove`));
    const byDe = await remove('de');
    expect(byDe.status).toBe(403);
    expect(byDe.body.error.message).toMatch(/secretariat or FR/);
    expect((await remove('observer')).status).toBe(403);
    expect((await remove('outsider')).status).toBe(404);
    expect((await remove('secretariat', crypto.randomUUID())).status).toBe(404);
    expect((await remove('secretariat', 'not-an-id')).status).toBe(404);
    expect((await call(null, 'POST', api(`/brackets/${frBracket.id}/remove`))).status).toBe(401);

    const bySecretariat = await remove('secretariat');
    expect(bySecretariat.status).toBe(200);
    expect(bySecretariat.body).toMatchObject({ id: frBracket.id, state: 'removed', removedBy: 'Hélène Marchand', delegation: 'FR' });
    expect(bySecretariat.body.removedByDelegation).toBeUndefined();
    expect((await remove('fr')).status).toBe(409);

    await expect.poll(async () => (await consensusOf(1)).state).toBe('consensus');
    const history = await call<BracketDto[]>('observer', 'GET', api('/brackets'));
    expect(history.body.find((b) => b.id === frBracket.id)).toMatchObject({ state: 'removed', quote: 'renewed aggression' });

    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=bracket.removed`);
    expect(audit.body.entries[0]).toMatchObject({ actorEmail: 'secretariat@accord.test', details: { bracketId: frBracket.id, proposedBy: 'FR' } });
  });

  it('lets the proposing delegation remove its own bracket', async () => {
    const reader = await yjs('secretariat');
    const added = await call<BracketDto>('fr', 'POST', api(`/clauses/${clause(7).id}/brackets`), { span: { range: rangeOf(reader.doc, 7, 'mine clearance') } });
    expect(added.status).toBe(201);
    const removed = await call<BracketDto>('fr', 'POST', api(`/brackets/${added.body.id}/remove`));
    expect(removed).toMatchObject({ status: 200, body: { state: 'removed', removedByDelegation: 'FR', removedBy: 'Camille Laurent' } });
  });

  it('refuses observers, outsiders and bad input', async () => {
    const reader = await yjs('secretariat');
    const body = { span: { range: rangeOf(reader.doc, 13, 'bilateral security agreements') } };
    const path = api(`/clauses/${clause(13).id}/brackets`);
    const byObserver = await call<ErrorBody>('observer', 'POST', path, body);
    expect(byObserver.status).toBe(403);
    expect(byObserver.body.error.message).toMatch(/Observers/);
    expect((await call('outsider', 'POST', path, body)).status).toBe(404);
    expect((await call('outsider', 'GET', api('/brackets'))).status).toBe(404);
    expect((await call('fr', 'POST', api(`/clauses/${crypto.randomUUID()}/brackets`), body)).status).toBe(404);
    expect((await call('fr', 'POST', `/api/drafts/${crypto.randomUUID()}/clauses/${clause(13).id}/brackets`, body)).status).toBe(404);

    const invalidJson = await call<ErrorBody>('fr', 'POST', path, undefined, '{"span":');
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.body.error.message).toMatch(/not valid JSON/);
    const noSpan = await call<ErrorBody>('fr', 'POST', path, { quote: 'x' });
    expect(noSpan.status).toBe(400);
    expect(noSpan.body.error.issues?.map((i) => i.path)).toContain('span');
    expect((await call('fr', 'POST', path, { span: { range: { from: 5, to: 2 } } })).status).toBe(400);
    const outOfRange = await call<ErrorBody>('fr', 'POST', path, { span: { range: { from: 0, to: 100_000 } } });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.message).toMatch(/does not select words/);
    expect((await call('fr', 'POST', path, { span: { anchor: { start: 'AQ==', end: 'AQ==' } } })).status).toBe(400);
    const wrongQuote = await call<ErrorBody>('fr', 'POST', path, { ...body, quote: 'something else' });
    expect(wrongQuote.status).toBe(409);
    expect(wrongQuote.body.error.message).toMatch(/text changed/);
    expect((await call('fr', 'POST', path, { ...body, extra: true })).status).toBe(400);
  });

  it('does not count a recorded bracket twice when its words are already in typed brackets', async () => {
    const before = await consensusOf(2);
    expect(before.brackets).toEqual({ typed: 3, recorded: 0, alternatives: 0 });
    const reader = await yjs('secretariat');
    const inside = await call<BracketDto>('de', 'POST', api(`/clauses/${clause(2).id}/brackets`), {
      span: { range: rangeOf(reader.doc, 2, 'consecutive days') },
    });
    expect(inside.status).toBe(201);
    const outside = await call<BracketDto>('de', 'POST', api(`/clauses/${clause(2).id}/brackets`), { span: { range: rangeOf(reader.doc, 2, 'ceasefire or') } });
    expect(outside.status).toBe(201);
    expect(await consensusOf(2)).toMatchObject({ openBrackets: 4, brackets: { typed: 3, recorded: 1, alternatives: 0 } });
  });

  it('is detached and no longer counted when its words are deleted', async () => {
    const reader = await yjs('secretariat');
    const added = await call<BracketDto>('de', 'POST', api(`/clauses/${clause(14).id}/brackets`), { span: { range: rangeOf(reader.doc, 14, 'transparent') } });
    expect(added.status).toBe(201);
    expect((await consensusOf(14)).brackets).toMatchObject({ recorded: 1 });
    const pl = await yjs('pl');
    deleteWords(pl.doc, 14, 'transparent ');
    expect(clauseText(pl.doc, clause(14).id)).not.toContain('transparent');
    await expect
      .poll(async () => (await call<BracketDto[]>('de', 'GET', api(`/brackets?clauseId=${clause(14).id}`))).body.find((b) => b.id === added.body.id)?.current, {
        timeout: 5000,
      })
      .toBeNull();
    await expect.poll(async () => (await consensusOf(14)).brackets?.recorded, { timeout: 5000 }).toBe(0);
  });

  it('in a locked clause, only the secretariat brackets', async () => {
    const locked = await call('secretariat', 'POST', api(`/clauses/${clause(15).id}/status`), { status: 'agreed', override: 'Agreed at the plenary' });
    expect(locked.status).toBe(200);
    const reader = await yjs('secretariat');
    const body = { span: { range: rangeOf(reader.doc, 15, 'deported children') } };
    const byFr = await call<ErrorBody>('fr', 'POST', api(`/clauses/${clause(15).id}/brackets`), body);
    expect(byFr.status).toBe(403);
    expect(byFr.body.error.message).toMatch(/agreed and locked/);
    const bySecretariat = await call<BracketDto>('secretariat', 'POST', api(`/clauses/${clause(15).id}/brackets`), body);
    expect(bySecretariat).toMatchObject({ status: 201, body: { delegation: null, proposedBy: 'Hélène Marchand' } });
  });
});

describe('alternatives', () => {
  let alt2: AlternativeDto;
  let alt3: AlternativeDto;
  const words = 'Black Sea littoral states';
  const wording = 'all coastal states of the Black Sea';

  it('numbers proposals per clause, attributes them and counts them as open in consensus', async () => {
    const reader = await yjs('secretariat');
    const fr = await liveSocket('fr');
    const events: AlternativeDto[] = [];
    fr.on('alternatives:updated', (e) => events.push(...e.alternatives));

    const proposed = await call<AlternativeDto>('de', 'POST', api(`/clauses/${clause(7).id}/alternatives`), {
      body: wording,
      span: { range: rangeOf(reader.doc, 7, words) },
      quote: words,
      note: 'Covers Georgia as well.',
    });
    expect(proposed.status).toBe(201);
    alt2 = proposed.body;
    expect(alt2).toMatchObject({
      number: 2,
      scope: 'span',
      quote: words,
      body: wording,
      delegation: 'DE',
      backers: ['DE'],
      state: 'open',
      current: { text: words },
    });
    await expect.poll(() => events.some((a) => a.id === alt2.id)).toBe(true);
    expect((await consensusOf(7)).brackets).toMatchObject({ alternatives: 1 });

    // Delegations holding a position on clause 7 are told in the app; the proposer is not.
    type Notifications = { notifications: Array<{ kind: string; refId: string; text: string; clauseId: string | null }> };
    const forFr = await call<Notifications>('fr', 'GET', '/api/notifications');
    expect(forFr.status).toBe(200);
    expect(forFr.body.notifications.find((n) => n.refId === alt2.id)).toMatchObject({
      kind: 'alternative',
      clauseId: clause(7).id,
      text: expect.stringContaining('DE proposed ALT 2'),
    });
    const forDe = await call<Notifications>('de', 'GET', '/api/notifications');
    expect(forDe.body.notifications.some((n) => n.refId === alt2.id)).toBe(false);

    const backed = await call<AlternativeDto[]>('fr', 'PUT', api(`/alternatives/${alt2.id}/backing`), { backed: true });
    expect(backed.status).toBe(200);
    expect(backed.body.find((a) => a.id === alt2.id)?.backers).toEqual(['DE', 'FR']);

    // A competing wording for the same words: FR's one backing in the group moves to it.
    const competing = await call<AlternativeDto>('fr', 'POST', api(`/clauses/${clause(7).id}/alternatives`), {
      body: 'the Black Sea states',
      competesWith: alt2.id,
    });
    expect(competing.status).toBe(201);
    alt3 = competing.body;
    expect(alt3).toMatchObject({ number: 3, groupId: alt2.groupId, backers: ['FR'] });
    const all = await call<AlternativeDto[]>('observer', 'GET', api(`/alternatives?clauseId=${clause(7).id}`));
    expect(all.body.find((a) => a.id === alt2.id)?.backers).toEqual(['DE']);
    expect(await consensusOf(7)).toMatchObject({ state: 'pending', brackets: { alternatives: 2 } });
  });

  it('refuses the forbidden: observers propose, delegates adopt, others withdraw, the secretariat backs', async () => {
    const path = api(`/clauses/${clause(7).id}/alternatives`);
    expect((await call('observer', 'POST', path, { body: 'x y z' })).status).toBe(403);
    expect((await call('outsider', 'POST', path, { body: 'x y z' })).status).toBe(404);
    const adoptByDe = await call<ErrorBody>('de', 'POST', api(`/alternatives/${alt2.id}/adopt`));
    expect(adoptByDe.status).toBe(403);
    expect(adoptByDe.body.error.message).toMatch(/Only the secretariat adopts/);
    expect((await call('fr', 'POST', api(`/alternatives/${alt2.id}/withdraw`))).status).toBe(403);
    expect((await call('secretariat', 'PUT', api(`/alternatives/${alt2.id}/backing`), { backed: true })).status).toBe(403);
    expect((await call('observer', 'PUT', api(`/alternatives/${alt2.id}/backing`), { backed: true })).status).toBe(403);
    expect((await call('secretariat', 'POST', api(`/alternatives/${crypto.randomUUID()}/adopt`))).status).toBe(404);
    const tooLong = await call<ErrorBody>('de', 'POST', path, { body: 'x'.repeat(10_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/10,000 characters/);
    expect((await call('de', 'POST', path, { body: '   ' })).status).toBe(400);
    expect((await call('de', 'POST', path, { body: 'a\u0000b' })).status).toBe(400);
    expect((await call('de', 'PUT', api(`/alternatives/${alt2.id}/backing`), { backed: 'yes' })).status).toBe(400);
  });

  it('adopted by the secretariat, replaces the words in the stored text for every connected client and archives the rest', async () => {
    const fr = await yjs('fr');
    const de = await yjs('de');
    const obs = await yjs('observer');
    const before = clauseText(fr.doc, clause(7).id);
    expect(before).toContain(words);

    const adopted = await call<AdoptionDto>('secretariat', 'POST', api(`/alternatives/${alt2.id}/adopt`), { note: 'Agreed in the room on 3 March' });
    expect(adopted.status).toBe(200);
    expect(adopted.body.adopted).toMatchObject({
      id: alt2.id,
      state: 'adopted',
      decidedBy: 'Hélène Marchand',
      replacedText: words,
      decisionNote: 'Agreed in the room on 3 March',
    });
    expect(adopted.body.archived.map((a) => [a.id, a.state])).toEqual([[alt3.id, 'archived']]);

    const expected = before.replace(words, wording);
    for (const client of [fr, de, obs]) await expect.poll(() => clauseText(client.doc, clause(7).id)).toBe(expected);
    expect((await consensusOf(7)).brackets).toMatchObject({ alternatives: 0 });
    expect((await call('secretariat', 'POST', api(`/alternatives/${alt3.id}/adopt`))).status).toBe(409);

    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=alternative.adopted`);
    expect(audit.body.entries[0]).toMatchObject({ details: { alternativeId: alt2.id, replaced: words, body: wording, archived: [3] } });
  });

  it('can be withdrawn by its proposer; whole-clause alternatives replace the whole body', async () => {
    const first = await call<AlternativeDto>('fr', 'POST', api(`/clauses/${clause(5).id}/alternatives`), {
      body: 'Participants establish military hubs in Ukraine.',
    });
    expect(first).toMatchObject({ status: 201, body: { number: 2, scope: 'clause' } });
    const withdrawn = await call<AlternativeDto>('fr', 'POST', api(`/alternatives/${first.body.id}/withdraw`));
    expect(withdrawn).toMatchObject({ status: 200, body: { state: 'withdrawn', backers: [] } });
    expect((await call('fr', 'POST', api(`/alternatives/${first.body.id}/withdraw`))).status).toBe(409);

    const second = await call<AlternativeDto>('de', 'POST', api(`/clauses/${clause(5).id}/alternatives`), {
      body: 'Participants establish training hubs.\nEquipment is stored in protected facilities.',
    });
    expect(second.body.number).toBe(3);
    const client = await yjs('pl');
    const bracketed = await call<BracketDto>('pl', 'POST', api(`/clauses/${clause(5).id}/brackets`), {
      span: { range: rangeOf(client.doc, 5, 'military hubs') },
    });
    expect(bracketed.status).toBe(201);
    const adoption = await call<AdoptionDto>('secretariat', 'POST', api(`/alternatives/${second.body.id}/adopt`));
    expect(adoption.status).toBe(200);
    await expect.poll(() => clauseText(client.doc, clause(5).id)).toBe('Participants establish training hubs.\nEquipment is stored in protected facilities.');
    // A whole-clause adoption replaces every word: the brackets on the clause are resolved by it.
    expect(adoption.body.resolvedBrackets).toEqual([
      expect.objectContaining({ id: bracketed.body.id, state: 'resolved', resolution: 'Resolved by adoption of ALT 3.' }),
    ]);
    expect((await consensusOf(5)).brackets).toMatchObject({ recorded: 0, alternatives: 0 });
  });

  it('keeps the space before words selected with it, and resolves the brackets on the words it replaces', async () => {
    const reader = await yjs('secretariat');
    const fr = await liveSocket('fr');
    const bracketEvents: BracketDto[] = [];
    fr.on('bracket:updated', (e) => bracketEvents.push(e.bracket));
    const id8 = clause(8).id;
    const selected = ' several hundred thousand';
    const bracket = async (who: Who, words: string) => {
      const res = await call<BracketDto>(who, 'POST', api(`/clauses/${id8}/brackets`), { span: { range: rangeOf(reader.doc, 8, words) }, quote: words });
      expect(res.status).toBe(201);
      return res.body;
    };
    // FR brackets the words as a double-click and drag selects them, with the space before.
    const onWords = await bracket('fr', selected);
    const inside = await bracket('pl', 'hundred thousand');
    const elsewhere = await bracket('de', 'NATO standards');
    const reaching = await bracket('de', 'thousand personnel');
    expect(await consensusOf(8)).toMatchObject({ brackets: { typed: 0, recorded: 4, alternatives: 0 } });

    const proposed = await call<AlternativeDto>('fr', 'POST', api(`/clauses/${id8}/alternatives`), {
      body: 'up to 800,000',
      span: { range: rangeOf(reader.doc, 8, selected) },
      quote: selected,
    });
    expect(proposed).toMatchObject({ status: 201, body: { quote: selected, body: 'up to 800,000' } });
    const before = clauseText(reader.doc, id8);

    const adopted = await call<AdoptionDto>('secretariat', 'POST', api(`/alternatives/${proposed.body.id}/adopt`), {});
    expect(adopted.status).toBe(200);
    await expect.poll(() => clauseText(reader.doc, id8)).toBe(before.replace('several hundred thousand', 'up to 800,000'));
    expect(clauseText(reader.doc, id8)).toContain('a Ukrainian force of up to 800,000 personnel');
    expect(adopted.body.adopted.replacedText).toBe('several hundred thousand');

    // The brackets on the replaced words are closed, as resolved by the adoption, for everyone and in the history.
    const resolved = { state: 'resolved', resolution: 'Resolved by adoption of ALT 2.', removedBy: 'Hélène Marchand' };
    expect(adopted.body.resolvedBrackets.map((b) => b.id).sort()).toEqual([onWords.id, inside.id].sort());
    for (const b of adopted.body.resolvedBrackets) expect(b).toMatchObject(resolved);
    await expect
      .poll(() =>
        bracketEvents
          .filter((b) => b.state === 'resolved')
          .map((b) => b.id)
          .sort(),
      )
      .toEqual([onWords.id, inside.id].sort());
    const listed = (await call<BracketDto[]>('observer', 'GET', api(`/brackets?clauseId=${id8}`))).body;
    expect(listed.find((b) => b.id === onWords.id)).toMatchObject({ ...resolved, quote: selected, delegation: 'FR' });
    expect(listed.find((b) => b.id === elsewhere.id)).toMatchObject({ state: 'open', current: { text: 'NATO standards' } });
    // A bracket reaching beyond the replaced words keeps marking what remains of them.
    expect(listed.find((b) => b.id === reaching.id)).toMatchObject({ state: 'open', current: { text: 'up to 800,000 personnel' } });
    expect(await consensusOf(8)).toMatchObject({ brackets: { typed: 0, recorded: 2, alternatives: 0 } });
    // Resolved is closed: nobody removes it afterwards.
    expect((await call('fr', 'POST', api(`/brackets/${onWords.id}/remove`))).status).toBe(409);

    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=alternative.adopted`);
    expect(audit.body.entries[0]).toMatchObject({ details: { alternativeId: proposed.body.id, replaced: 'several hundred thousand' } });
    expect((audit.body.entries[0].details as { resolvedBrackets: Array<{ bracketId: string }> }).resolvedBrackets.map((b) => b.bracketId).sort()).toEqual(
      [onWords.id, inside.id].sort(),
    );
  });

  it('refuses an alternative for spaces only', async () => {
    const reader = await yjs('secretariat');
    const text = clauseText(reader.doc, clause(13).id);
    const at = text.indexOf(' ');
    const res = await call<ErrorBody>('de', 'POST', api(`/clauses/${clause(13).id}/alternatives`), { body: 'and', span: { range: { from: at, to: at + 1 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not only spaces/);
  });

  it('the adopted text survives a restart (it is in the stored document)', async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const p of providers.splice(0)) p.destroy();
    const dataDir = server.dataDir;
    await server.stop();
    server = await startServer({ dataDir });
    const reader = await yjs('observer');
    expect(clauseText(reader.doc, clause(7).id)).toContain(wording);
    expect(clauseText(reader.doc, clause(7).id)).not.toContain(words);
  });
});
