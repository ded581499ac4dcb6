// POST /api/drafts/:id/clauses/:clauseId/editorial - the secretariat marks the clause's edits editorial: positions stay current
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { editorialSchema } from '@/lib/requests/mandates';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; clauseId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  const body = await parseJsonBody(req, editorialSchema);
  return json(await getServices().negotiation.markEditorial(identity, id, clauseId, body));
});
