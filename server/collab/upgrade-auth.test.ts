import { describe, expect, it } from 'vitest';
import type { DraftMembership } from '@/lib/authz/draft-access';
import type { StoredIdentity } from '../users/user-store';
import { decideUpgrade, draftIdFromPath, type UpgradeAuthDeps } from './upgrade-auth';

const DRAFT = '0b3f2c8e-6f1a-4d2b-9a51-3c0f3e2b1a10';
const OTHER = '7d1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

const fr: StoredIdentity = { userId: 'u-fr', email: 'fr@accord.test', name: 'France', role: 'delegate', delegation: 'FR', authVersion: 1 };
const us: StoredIdentity = { userId: 'u-us', email: 'us@accord.test', name: 'US', role: 'observer', delegation: 'US', authVersion: 1 };
const jp: StoredIdentity = { userId: 'u-jp', email: 'jp@accord.test', name: 'Japan', role: 'delegate', delegation: 'JP', authVersion: 1 };

const membership: DraftMembership = {
  delegations: new Map([
    ['FR', 'participant'],
    ['US', 'observer'],
  ]),
  invitedUserIds: new Set(),
};

function deps(overrides: Partial<UpgradeAuthDeps> = {}): UpgradeAuthDeps {
  const people: Record<string, StoredIdentity> = { 'u-fr': fr, 'u-us': us, 'u-jp': jp };
  return {
    verifyToken: (token) =>
      token === 'good-fr'
        ? { v: 2, sub: 'u-fr', draft: DRAFT, av: 1, sid: 's-fr', exp: 0 }
        : token === 'other-draft'
          ? { v: 2, sub: 'u-fr', draft: OTHER, av: 1, sid: 's-fr', exp: 0 }
          : token === 'old-av'
            ? { v: 2, sub: 'u-fr', draft: DRAFT, av: 0, sid: 's-fr', exp: 0 }
            : token === 'signed-out'
              ? { v: 2, sub: 'u-fr', draft: DRAFT, av: 1, sid: 's-gone', exp: 0 }
              : null,
    findIdentity: async (id) => people[id] ?? null,
    identityFromCookieHeader: async (header) => {
      const person = header?.includes('session=fr') ? fr : header?.includes('session=us') ? us : header?.includes('session=jp') ? jp : null;
      return person ? { ...person, sessionId: `s-${person.delegation?.toLowerCase()}` } : null;
    },
    isSessionRevoked: async (sid) => sid === 's-gone',
    membership: async (id) => (id === DRAFT ? membership : null),
    ...overrides,
  };
}

describe('draftIdFromPath', () => {
  it('accepts /yjs/<uuid> and nothing else', () => {
    expect(draftIdFromPath(`/yjs/${DRAFT}`)).toBe(DRAFT);
    expect(draftIdFromPath(`/yjs/${DRAFT.toUpperCase()}`)).toBe(DRAFT);
    expect(draftIdFromPath('/yjs/')).toBeNull();
    expect(draftIdFromPath('/yjs/not-a-uuid')).toBeNull();
    expect(draftIdFromPath(`/yjs/${DRAFT}/extra`)).toBeNull();
    expect(draftIdFromPath(`/other/${DRAFT}`)).toBeNull();
  });
});

describe('decideUpgrade', () => {
  it('refuses a request without session or token with 401', async () => {
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}`, cookieHeader: undefined }, deps())).toMatchObject({ ok: false, status: 401 });
  });

  it('grants write to a participating delegate by cookie', async () => {
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}`, cookieHeader: 'session=fr' }, deps())).toMatchObject({
      ok: true,
      access: 'write',
      via: 'cookie',
      sessionId: 's-fr',
    });
  });

  it('grants read only to an observer delegation', async () => {
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}`, cookieHeader: 'session=us' }, deps())).toMatchObject({ ok: true, access: 'read' });
  });

  it('answers 403 alike for a draft not shared and one that does not exist', async () => {
    const notShared = await decideUpgrade({ url: `/yjs/${DRAFT}`, cookieHeader: 'session=jp' }, deps());
    const missing = await decideUpgrade({ url: `/yjs/${OTHER}`, cookieHeader: 'session=fr' }, deps());
    expect(notShared).toMatchObject({ ok: false, status: 403 });
    expect(missing).toEqual(notShared);
  });

  it('accepts a valid token only for its own draft and current rights', async () => {
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}?token=good-fr`, cookieHeader: undefined }, deps())).toMatchObject({
      ok: true,
      via: 'token',
      sessionId: 's-fr',
    });
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}?token=other-draft`, cookieHeader: undefined }, deps())).toMatchObject({ ok: false, status: 403 });
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}?token=old-av`, cookieHeader: undefined }, deps())).toMatchObject({ ok: false, status: 401 });
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}?token=forged`, cookieHeader: 'session=fr' }, deps())).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a token of a session that was signed out', async () => {
    expect(await decideUpgrade({ url: `/yjs/${DRAFT}?token=signed-out`, cookieHeader: undefined }, deps())).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 404 for a malformed path', async () => {
    expect(await decideUpgrade({ url: '/yjs/../../etc', cookieHeader: 'session=fr' }, deps())).toMatchObject({ ok: false, status: 404 });
  });
});
