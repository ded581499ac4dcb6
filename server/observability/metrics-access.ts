/**
 * Who may read /metrics. With METRICS_TOKEN set, scrapers send it as a bearer token
 * (checked by the route). Without one, in production, /metrics is served only to local
 * scrapers: a request from a loopback address that no proxy forwarded. Anyone else gets
 * 404, as if there were no such page, so that an exposed instance without a token does
 * not publish its metrics (and a reverse proxy on the same host does not make every
 * client look local: it adds X-Forwarded-For).
 */
import type http from 'node:http';

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** From this host, directly (no proxy in between). */
export function isDirectLocalRequest(req: http.IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && FORWARDING_HEADERS.every((h) => req.headers[h] === undefined);
}

export function isMetricsPath(pathname: string): boolean {
  return pathname === '/metrics' || pathname.startsWith('/metrics/');
}

/** True when this request must get 404 for /metrics (production, no token, not a direct local request). */
export function hideMetrics(req: http.IncomingMessage, pathname: string, policy: { production: boolean; token?: string }): boolean {
  return policy.production && !policy.token && isMetricsPath(pathname) && !isDirectLocalRequest(req);
}
