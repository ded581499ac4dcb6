/**
 * Where to send someone after signing in. Only same-origin paths are accepted, so a
 * crafted link (`/signin?callbackUrl=https://evil.example`) cannot turn the sign-in
 * page into an open redirect.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = '/drafts'): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  // A path on this site: one leading slash, no protocol-relative "//" or "/\", no control characters.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  if (raw.startsWith('/signin')) return fallback;
  return raw;
}
