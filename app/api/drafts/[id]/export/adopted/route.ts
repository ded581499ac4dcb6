// GET /api/drafts/:id/export/adopted?format=docx|pdf - the adopted text (409 until every clause is agreed)
import { fileResponse } from '@/server/export/file-response';
import { requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { adoptedQuerySchema } from '@/lib/requests/four-column';
import { parseQuery } from '@/lib/requests/history';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const q = parseQuery(req, adoptedQuerySchema);
  return fileResponse(await getServices().exporter.exportAdopted(identity, id, q.format));
});
