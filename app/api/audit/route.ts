// GET /api/audit?draftId&action&before&limit - the audit log, newest first, paginated (secretariat)
import { json, requireIdentity, route } from '@/server/http/respond';
import { assertAuditReader } from '@/server/audit/audit-log';
import { getServices } from '@/server/services-registry';
import { parseAuditQuery } from '@/lib/requests/audit';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  assertAuditReader(identity);
  return json(await getServices().audit.read(identity, parseAuditQuery(req)));
});
