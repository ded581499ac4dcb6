// GET /api/drafts/:id/four-column?from&to&format=json|docx|pdf - the four-column document of two points (readers)
import { fileResponse } from '@/server/export/file-response';
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { fourColumnQuerySchema } from '@/lib/requests/four-column';
import { parseQuery } from '@/lib/requests/history';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const q = parseQuery(req, fourColumnQuerySchema);
  const service = getServices().fourColumn;
  if (q.format === 'json') return json(await service.build(identity, id, q.from, q.to));
  return fileResponse(await service.exportFile(identity, id, q.from, q.to, q.format));
});
