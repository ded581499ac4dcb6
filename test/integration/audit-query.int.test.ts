/**
 * The audit log's query parameters: whoever is not the secretariat is refused (403)
 * before the query is looked at; the secretariat gets a 400 that names the parameter.
 * Never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';

type ErrorBody = { error: { code: string; issues?: Array<{ path: string }> } };

let server: RunningServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'secretariat'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
});

const BAD_QUERIES = [
  { query: 'draftId=not-a-draft', field: 'draftId' },
  { query: 'action=DROP%20TABLE', field: 'action' },
  { query: 'before=-3', field: 'before' },
  { query: 'action=x%00y', field: 'action' },
];

async function get(path: string, who: string): Promise<{ status: number; body: ErrorBody }> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: cookies[who] } });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : { error: { code: 'none' } }) as ErrorBody };
}

describe.each(['/api/audit/export', '/api/audit'])('%s with bad query parameters', (path) => {
  it.each(BAD_QUERIES)('refuses a delegate first (403) for $query', async ({ query }) => {
    const res = await get(`${path}?${query}`, 'fr');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it.each(BAD_QUERIES)('answers the secretariat 400 naming $field for $query', async ({ query, field }) => {
    const res = await get(`${path}?${query}`, 'secretariat');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.issues?.map((i) => i.path)).toEqual([field]);
  });

  it('still answers a good query', async () => {
    const res = await fetch(`${server.url}${path}?action=draft.seeded`, { headers: { cookie: cookies.secretariat } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('draft.seeded');
  });
});
