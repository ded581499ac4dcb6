// GET /api/drafts/:id/revisions/:number - a revision, read-only: the text of every clause
import { AppError } from '@/lib/errors/app-error';
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { revisionNumberSchema } from '@/lib/requests/revisions';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string; number: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, number } = await ctx.params;
  const parsed = revisionNumberSchema.safeParse(number.replace(/^rev\.?/i, ''));
  if (!parsed.success) throw new AppError('not_found', { message: `"${number.slice(0, 40)}" is not a revision number; revisions are numbered 1, 2, 3…` });
  return json(await getServices().history.revisionText(identity, id, parsed.data));
});
