import { describe, expect, it } from 'vitest';
import { issueCollabToken, verifyCollabToken } from './collab-token';

const secret = 'x'.repeat(40);
const claims = {
  userId: '11111111-1111-4111-8111-111111111111',
  draftId: '22222222-2222-4222-8222-222222222222',
  authVersion: 3,
  sessionId: 'session-1',
};

describe('collab tokens', () => {
  it('round-trips the claims until they expire', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    const { token, expiresAt } = issueCollabToken(secret, claims, 60, now);
    expect(expiresAt.getTime()).toBe(now + 60_000);
    expect(verifyCollabToken(secret, token, now + 59_000)).toMatchObject({ sub: claims.userId, draft: claims.draftId, av: 3, sid: 'session-1' });
    expect(verifyCollabToken(secret, token, now + 60_000)).toBeNull();
  });

  it('rejects forged, altered and malformed tokens', () => {
    const { token } = issueCollabToken(secret, claims, 60);
    expect(verifyCollabToken('y'.repeat(40), token)).toBeNull();
    const [data, mac] = token.split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(data, 'base64url').toString()), draft: '33333333-3333-4333-8333-333333333333' }),
    ).toString('base64url');
    expect(verifyCollabToken(secret, `${altered}.${mac}`)).toBeNull();
    for (const bad of ['', '.', 'abc', `${data}.${mac}.x`, `${data}.`]) expect(verifyCollabToken(secret, bad)).toBeNull();
  });
});
