// PUT /api/drafts/:id/clauses/:clauseId/comment - the secretariat's comment on a clause (empty clears it)
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { putCommentSchema } from '@/lib/requests/four-column';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; clauseId: string }> };

export const PUT = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  const body = await parseJsonBody(req, putCommentSchema);
  return json(await getServices().fourColumn.setComment(identity, id, clauseId, body.comment));
});
