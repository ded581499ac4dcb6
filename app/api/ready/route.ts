// GET /api/ready - readiness: 200 when the database (and Redis, when configured) answer, 503 otherwise
import { json } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const services = getServices();
    if (!services.isReady()) return json({ ok: false, checks: {} }, 503);
    const readiness = await services.checkReadiness();
    return json(readiness, readiness.ok ? 200 : 503);
  } catch {
    return json({ ok: false, checks: {} }, 503);
  }
}
