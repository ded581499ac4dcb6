// GET /api/drafts/:id/export?format=docx|pdf&annex=positions - the draft's current text as a download (readers)
import { AppError } from '@/lib/errors/app-error';
import { requireIdentity, route } from '@/server/http/respond';
import { fileResponse } from '@/server/export/file-response';
import { getServices } from '@/server/services-registry';
import { exportQuerySchema, queryOf } from '@/lib/requests/export';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const parsed = exportQuerySchema.safeParse(queryOf(req));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('bad_request', { message: `Cannot export: ${issues.map((i) => i.message).join('; ')}.`, issues });
  }
  const file = await getServices().exporter.exportDraft(identity, id, { format: parsed.data.format, annex: parsed.data.annex === 'positions' });
  return fileResponse(file);
});
