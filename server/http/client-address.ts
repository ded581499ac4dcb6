/**
 * The address of the client behind a request, for per-address limits such as sign-in
 * throttling. Without a trusted proxy it is the socket's peer. Behind `hops` trusted
 * proxies, each of which appends the address it received the request from to
 * `X-Forwarded-For`, it is the entry `hops` places from the right: everything to the
 * left of it was written by the client (or by proxies we do not know) and can be forged.
 */
import type { IncomingMessage } from 'node:http';

export interface ClientAddressOptions {
  /** How many proxies in front of the server append to X-Forwarded-For (0: trust none). */
  trustedHops: number;
}

/** Lower-cases and drops the IPv4-mapped IPv6 prefix, so one client has one spelling. */
function normalise(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
}

/** The X-Forwarded-For entries, left to right, across repeated headers (which Node joins with ", "). */
function forwardedEntries(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * The client's address as the nearest trusted proxy saw it. With fewer entries than
 * trusted hops (a request that reached the server without passing all of them), the
 * left-most entry is the best we know; without any, the socket's peer.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, options: ClientAddressOptions): string {
  const peer = req.socket.remoteAddress ? normalise(req.socket.remoteAddress) : 'unknown';
  if (options.trustedHops <= 0) return peer;
  const entries = forwardedEntries(req.headers['x-forwarded-for']);
  if (entries.length === 0) return peer;
  return normalise(entries[Math.max(0, entries.length - options.trustedHops)]);
}
