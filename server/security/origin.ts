/**
 * Cross-site protection for websockets and state-changing requests: a browser always
 * sends `Origin`, and it must be Accord's own (PUBLIC_URL when configured, else the
 * host the request was sent to). Requests without `Origin` come from scripts, which
 * need a session cookie or token anyway and cannot be driven by another site.
 */
export function isAllowedOrigin(origin: string | undefined | null, host: string | undefined | null, publicUrl?: string): boolean {
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl) return parsed.origin === new URL(publicUrl).origin;
  return Boolean(host) && parsed.host === host;
}
