/**
 * Signs in over HTTP the way the NextAuth v4 credentials form does, for integration
 * tests that act as a browser (fetch, socket.io-client, the y-websocket provider).
 */

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Merges `Set-Cookie` headers into a name → value map (attributes dropped). */
function collectCookies(res: Response, jar: Map<string, string>): void {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';', 1)[0];
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * GET /api/auth/csrf, then POST /api/auth/callback/credentials.
 * Returns the value for a `Cookie` request header carrying the session (and CSRF) cookies.
 * Throws when the credentials are refused or no session cookie comes back. `headers` go
 * with both requests (e.g. the X-Forwarded-For a proxy would send).
 */
export async function signIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const jar = new Map<string, string>();

  const csrfRes = await fetch(new URL('/api/auth/csrf', baseUrl), { headers });
  if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}: ${await csrfRes.text()}`);
  collectCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken?: unknown };
  if (typeof csrfToken !== 'string' || csrfToken === '') throw new Error('GET /api/auth/csrf returned no csrfToken');

  const res = await fetch(new URL('/api/auth/callback/credentials', baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  collectCookies(res, jar);
  const body = await res.text();

  if (![...jar.keys()].some((name) => SESSION_COOKIE.test(name))) {
    throw new Error(`Sign-in as ${email} failed: no next-auth.session-token cookie (HTTP ${res.status}, body ${body.slice(0, 300)})`);
  }
  return cookieHeader(jar);
}

/**
 * Signs a session out the way NextAuth's signOut() does: GET /api/auth/csrf with the
 * session's cookies, then a form-encoded POST /api/auth/signout with the token.
 * Returns the HTTP status of the sign-out answer.
 */
export async function signOut(baseUrl: string, cookie: string): Promise<number> {
  const csrfRes = await fetch(new URL('/api/auth/csrf', baseUrl), { headers: { cookie } });
  if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}: ${await csrfRes.text()}`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken?: unknown };
  if (typeof csrfToken !== 'string' || csrfToken === '') throw new Error('GET /api/auth/csrf returned no csrfToken');
  const res = await fetch(new URL('/api/auth/signout', baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
  await res.arrayBuffer();
  return res.status;
}
