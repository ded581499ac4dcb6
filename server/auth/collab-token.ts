/**
 * Short-lived signed tokens for non-browser clients of the Yjs endpoint
 * (`?token=` on the websocket URL). A token names one user and one draft; it
 * carries no role: rights are loaded fresh from the database when it is used. It
 * names the session it was issued to (`sid`): signing that session out voids it.
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256).
 */
import crypto from 'node:crypto';
import { z } from 'zod';

const payloadSchema = z.object({
  v: z.literal(2),
  sub: z.string().uuid(),
  draft: z.string().uuid(),
  av: z.number().int(),
  sid: z.string().min(1).max(100),
  exp: z.number().int(),
});

export type CollabTokenPayload = z.infer<typeof payloadSchema>;

function sign(secret: string, data: string): string {
  return crypto.createHmac('sha256', `collab-token:${secret}`).update(data).digest('base64url');
}

export function issueCollabToken(
  secret: string,
  claims: { userId: string; draftId: string; authVersion: number; sessionId: string },
  ttlSeconds: number,
  now = Date.now(),
): { token: string; expiresAt: Date } {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  const payload: CollabTokenPayload = { v: 2, sub: claims.userId, draft: claims.draftId, av: claims.authVersion, sid: claims.sessionId, exp };
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { token: `${data}.${sign(secret, data)}`, expiresAt: new Date(exp * 1000) };
}

/** The token's claims, or null when it is malformed, forged or expired. */
export function verifyCollabToken(secret: string, token: string, now = Date.now()): CollabTokenPayload | null {
  const [data, mac, extra] = token.split('.');
  if (!data || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, data));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return null;
  if (parsed.data.exp * 1000 <= now) return null;
  return parsed.data;
}
