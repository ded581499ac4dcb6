/**
 * Establish who is calling from a NextAuth session cookie. Used by route handlers,
 * server components, the Yjs upgrade and the socket.io handshake alike, so that
 * there is one definition of "signed in".
 */
import { getToken } from 'next-auth/jwt';
import type { StoredIdentity, UserStore } from '../users/user-store';

/** Parse a Cookie header into a name → value map (last one wins, values URI-decoded). */
export function parseCookieHeader(header: string | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

/** The person behind a session, with the session's own id (`sid`) for ending just this session. */
export interface SessionIdentity extends StoredIdentity {
  sessionId: string;
}

export interface SessionResolver {
  /** The identity behind a session cookie, or null when absent, invalid, expired, signed out, outdated or disabled. */
  fromCookies(cookies: Record<string, string>): Promise<SessionIdentity | null>;
  fromCookieHeader(header: string | undefined | null): Promise<SessionIdentity | null>;
}

export function createSessionResolver(options: {
  secret: string;
  secureCookie: boolean;
  users: UserStore;
  /** Whether a session was signed out (server/auth/session-revocation.ts). */
  isRevoked(sid: string): Promise<boolean>;
}): SessionResolver {
  async function fromCookies(cookies: Record<string, string>): Promise<SessionIdentity | null> {
    const token = await getToken({
      // getToken reads req.cookies (and reassembles chunked cookies); a raw request has none, so give it ours.
      req: { headers: {}, cookies } as never,
      secret: options.secret,
      secureCookie: options.secureCookie,
    }).catch(() => null);
    // A session without a sid predates sign-out revocation and could not be ended: refuse it.
    if (!token || typeof token.uid !== 'string' || typeof token.sid !== 'string') return null;
    const [identity, revoked] = await Promise.all([options.users.findIdentity(token.uid), options.isRevoked(token.sid)]);
    if (!identity || revoked) return null;
    // A role or delegation change (or "sign out everywhere") bumps authVersion: sessions minted before it are void.
    if (token.av !== identity.authVersion) return null;
    return { ...identity, sessionId: token.sid };
  }
  return {
    fromCookies,
    fromCookieHeader: (header) => fromCookies(parseCookieHeader(header)),
  };
}
