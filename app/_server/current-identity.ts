/**
 * The signed-in person for a server component, from the NextAuth session cookie.
 * Identity is resolved by the custom server's session resolver (fresh from the
 * database, so a disabled account or changed role takes effect at once).
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Identity } from '@/lib/domain/identity';
import type { SessionIdentity } from '@/server/auth/request-identity';
import { getServices } from '@/server/services-registry';

/**
 * The session behind this request's cookie, looked up once per render (the page and
 * the language of its messages both ask).
 */
export const currentSession = cache(async (): Promise<SessionIdentity | null> => {
  const cookieStore = await cookies();
  const map: Record<string, string> = {};
  for (const cookie of cookieStore.getAll()) map[cookie.name] = cookie.value;
  return getServices().sessions.fromCookies(map);
});

/** The caller's identity, or null when not signed in (or the session is void). */
export async function currentIdentity(): Promise<Identity | null> {
  const stored = await currentSession();
  if (!stored) return null;
  // Hand pages a plain Identity: nothing session-internal leaks into client props.
  return { userId: stored.userId, email: stored.email, name: stored.name, role: stored.role, delegation: stored.delegation };
}

/** The caller's identity; redirects to the sign-in page (coming back to `returnTo`) when not signed in. */
export async function requireIdentityOrRedirect(returnTo: string): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return identity;
}
