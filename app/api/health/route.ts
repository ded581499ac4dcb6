// GET /api/health - liveness: 200 { ok: true } once the server accepts work
import { json } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export function GET() {
  let ready = false;
  try {
    ready = getServices().isReady();
  } catch {
    ready = false;
  }
  return ready ? json({ ok: true }) : json({ ok: false }, 503);
}
