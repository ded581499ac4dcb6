// GET /api/drafts/:id/revisions/:number/export?format=docx|pdf - a numbered revision as a download (readers)
import { AppError } from '@/lib/errors/app-error';
import { requireIdentity, route } from '@/server/http/respond';
import { fileResponse } from '@/server/export/file-response';
import { getServices } from '@/server/services-registry';
import { parseQuery } from '@/lib/requests/history';
import { revisionNumberSchema } from '@/lib/requests/revisions';
import { revisionExportQuerySchema } from '@/lib/requests/revision-export';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string; number: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, number } = await ctx.params;
  const parsed = revisionNumberSchema.safeParse(number.replace(/^rev\.?/i, ''));
  if (!parsed.success) throw new AppError('not_found', { message: `"${number.slice(0, 40)}" is not a revision number; revisions are numbered 1, 2, 3…` });
  const query = parseQuery(req, revisionExportQuerySchema);
  const file = await getServices().exporter.exportRevision(identity, id, parsed.data, query.format);
  return fileResponse(file);
});
