// GET /api/drafts/:id/history/compare/export?from&to - a comparison as DOCX with Word tracked changes, attributed to delegations (readers)
import { requireIdentity, route } from '@/server/http/respond';
import { fileResponse } from '@/server/export/file-response';
import { getServices } from '@/server/services-registry';
import { parseQuery } from '@/lib/requests/history';
import { compareExportQuerySchema } from '@/lib/requests/compare-export';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const query = parseQuery(req, compareExportQuerySchema);
  const file = await getServices().exporter.exportComparison(identity, id, query.from, query.to);
  return fileResponse(file);
});
