/**
 * Decides, before any Yjs byte is exchanged, whether an upgrade to
 * `/yjs/<draftId>` may proceed: who is connecting (session cookie or `?token=`)
 * and what they may do with the draft.
 */
import { draftAccess, type DraftAccess, type DraftMembership } from '@/lib/authz/draft-access';
import type { StoredIdentity } from '../users/user-store';
import type { CollabTokenPayload } from '../auth/collab-token';
import type { SessionIdentity } from '../auth/request-identity';
import { isUuid } from '@/lib/validation/uuid';

export type UpgradeDecision =
  | {
      ok: true;
      draftId: string;
      identity: StoredIdentity;
      /** The session the connection belongs to (a collab token's session too): signing it out closes the connection. */
      sessionId: string;
      access: Exclude<DraftAccess, 'none'>;
      via: 'cookie' | 'token';
    }
  | { ok: false; status: 400 | 401 | 403 | 404; message: string };

export interface UpgradeAuthDeps {
  verifyToken(token: string): CollabTokenPayload | null;
  findIdentity(userId: string): Promise<StoredIdentity | null>;
  identityFromCookieHeader(header: string | undefined): Promise<SessionIdentity | null>;
  isSessionRevoked(sid: string): Promise<boolean>;
  membership(draftId: string): Promise<DraftMembership | null>;
}

/** The draft id of a `/yjs/<draftId>` path (the y-websocket client appends the room name). */
export function draftIdFromPath(pathname: string): string | null {
  const match = /^\/yjs\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return isUuid(id) ? id.toLowerCase() : null;
}

export async function decideUpgrade(request: { url: string; cookieHeader: string | undefined }, deps: UpgradeAuthDeps): Promise<UpgradeDecision> {
  const url = new URL(request.url, 'http://localhost');
  const draftId = draftIdFromPath(url.pathname);
  if (!draftId) return { ok: false, status: 404, message: 'Connect to /yjs/<draftId> with a valid draft id.' };

  let identity: StoredIdentity | null = null;
  let sessionId = '';
  let via: 'cookie' | 'token' = 'cookie';
  const token = url.searchParams.get('token');
  if (token) {
    via = 'token';
    const claims = deps.verifyToken(token);
    if (!claims) return { ok: false, status: 401, message: 'The collaboration token is invalid or has expired. Request a new one.' };
    if (claims.draft !== draftId) return { ok: false, status: 403, message: 'This collaboration token is for another draft.' };
    const [found, revoked] = await Promise.all([deps.findIdentity(claims.sub), deps.isSessionRevoked(claims.sid)]);
    identity = found && found.authVersion === claims.av && !revoked ? found : null;
    sessionId = claims.sid;
  } else {
    const session = await deps.identityFromCookieHeader(request.cookieHeader);
    identity = session;
    sessionId = session?.sessionId ?? '';
  }
  if (!identity) return { ok: false, status: 401, message: 'Sign in (session cookie) or pass a collaboration token to open this draft.' };

  const membership = await deps.membership(draftId);
  // Unknown and not-shared drafts get the same answer, so that ids cannot be probed.
  if (!membership) return { ok: false, status: 403, message: 'You may not open this draft: it does not exist or is not shared with you.' };
  const access = draftAccess(identity, membership);
  if (access === 'none') return { ok: false, status: 403, message: 'You may not open this draft: it does not exist or is not shared with you.' };
  return { ok: true, draftId, identity, sessionId, access, via };
}
