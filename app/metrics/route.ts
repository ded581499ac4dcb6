// GET /metrics - Prometheus metrics (bearer METRICS_TOKEN when configured)
import crypto from 'node:crypto';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const { metrics } = getServices();
  if (metrics.token) {
    const given = Buffer.from(req.headers.get('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${metrics.token}`);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return new Response('Send Authorization: Bearer <METRICS_TOKEN>\n', { status: 401, headers: { 'content-type': 'text/plain' } });
    }
  }
  return new Response(await metrics.render(), { headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' } });
}
