// POST /api/drafts/:id/clauses/:clauseId/split - the secretariat splits a clause at a paragraph
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { splitClauseSchema } from '@/lib/requests/clause-structure';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string; clauseId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  await getServices().structure.requireSecretariat(identity, id);
  const body = await parseJsonBody(req, splitClauseSchema);
  return json(await getServices().structure.splitClause(identity, id, clauseId, body), 201);
});
