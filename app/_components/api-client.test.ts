import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiGet, apiSend, ApiError } from './api-client';

function answer(status: number, body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('api-client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends JSON same-origin, uncached, and resolves with the answer', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(answer(200, { ok: 1 })));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiSend('PUT', '/api/x', { a: 1 })).resolves.toEqual({ ok: 1 });
    expect(fetchMock).toHaveBeenCalledWith('/api/x', {
      method: 'PUT',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    await apiGet('/api/y');
    expect(fetchMock).toHaveBeenLastCalledWith('/api/y', { method: 'GET', credentials: 'same-origin', cache: 'no-store', headers: undefined, body: undefined });
  });

  it("throws the server's message, code and status, with its issues", async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValue(
          answer(400, { error: { code: 'bad_request', message: 'Invalid.', issues: [{ path: 'email', message: 'is taken' }, { message: 'other' }] } }),
        ),
    );
    const err = await apiSend('POST', '/api/x', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ message: 'Invalid. — email: is taken — other', status: 400, code: 'bad_request' });
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(400, { error: { message: 'Invalid.', issues: [{ path: 'email' }] } })));
    await expect(apiGet('/api/x', { issue: (i) => `${i.path ?? ''} ${i.message ?? 'is invalid'}` })).rejects.toThrow('Invalid. — email is invalid');
  });

  it('falls back to the caller’s words, then the common ones, when the server gives none', async () => {
    const wording = { byStatus: { 403: 'Only the secretariat can do this.' } };
    for (const [status, message] of [
      [401, 'Your session has ended: sign in again.'],
      [403, 'Only the secretariat can do this.'],
      [404, 'The request failed (HTTP 404).'],
      [502, 'The server could not do this just now. Try again in a moment.'],
    ] as const) {
      vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(status, '<html>proxy</html>')));
      await expect(apiGet('/api/x', wording)).rejects.toMatchObject({ message, status, code: null });
    }
  });

  it('an unreachable server is status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(apiGet('/api/x')).rejects.toMatchObject({ message: 'Cannot reach the server. Check your connection and try again.', status: 0, code: null });
  });
});
