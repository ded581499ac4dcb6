// GET /api/audit/export?draftId&action - the whole (filtered) audit log as CSV (secretariat)
import { assertAuditReader } from '@/server/audit/audit-log';
import { requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { parseAuditQuery } from '@/lib/requests/audit';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  assertAuditReader(identity);
  const query = parseAuditQuery(req, { limit: '1000' });
  const { audit } = getServices();
  const entries = [];
  let before: number | undefined;
  for (;;) {
    const page = await audit.read(identity, { ...query, before });
    entries.push(...page.entries);
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  return new Response(audit.csv(entries), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="accord-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
