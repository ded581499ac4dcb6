/**
 * The UI bench's static page (GET /api/drafts/:id/bench-text) exists only with
 * ACCORD_BENCH=1: without it the route is 404 for everyone, signed in or not; with it,
 * it still needs a session and shows the clause texts, escaped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { demoDraft } from './helpers';

const servers: RunningServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});

describe('bench-only static text page', () => {
  it('is refused (404) without ACCORD_BENCH=1, even to a signed-in reader', async () => {
    const server = await startServer();
    servers.push(server);
    const cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
    const draft = await demoDraft(server.url, cookie);
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/bench-text`, { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(draft.clauses[0].title);
  });

  it('with ACCORD_BENCH=1: 401 without a session, the clause texts as HTML with one', async () => {
    const server = await startServer({ env: { ACCORD_BENCH: '1' } });
    servers.push(server);
    const cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
    const draft = await demoDraft(server.url, cookie);
    expect((await fetch(`${server.url}/api/drafts/${draft.id}/bench-text`)).status).toBe(401);
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/bench-text`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.match(/<div class="clause-text"><p>[^<]+/g)?.length).toBe(draft.clauses.length);
    expect(html).not.toMatch(/<script/i);
  });
});
