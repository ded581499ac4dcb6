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

export interface SessionResolver {
  /** The identity behind a session cookie, or null when absent, invalid, expired, outdated or disabled. */
  fromCookies(cookies: Record<string, string>): Promise<StoredIdentity | null>;
  fromCookieHeader(header: string | undefined | null): Promise<StoredIdentity | null>;
}

export function createSessionResolver(options: {
  secret: string;
  secureCookie: boolean;
  users: UserStore;
}): SessionResolver {
  async function fromCookies(cookies: Record<string, string>): Promise<StoredIdentity | null> {
    const token = await getToken({
      // getToken reads req.cookies (and reassembles chunked cookies); a raw request has none, so give it ours.
      req: { headers: {}, cookies } as never,
      secret: options.secret,
      secureCookie: options.secureCookie,
    }).catch(() => null);
    if (!token || typeof token.uid !== 'string') return null;
    const identity = await options.users.findIdentity(token.uid);
    if (!identity) return null;
    // A role or delegation change bumps authVersion: sessions minted before it are void.
    if (token.av !== identity.authVersion) return null;
    return identity;
  }
  return {
    fromCookies,
    fromCookieHeader: (header) => fromCookies(parseCookieHeader(header)),
  };
}
