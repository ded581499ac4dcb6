// POST /api/drafts/:id/clauses - the secretariat adds a clause after a clause (or at the start)
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { addClauseSchema } from '@/lib/requests/clause-structure';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  await getServices().structure.requireSecretariat(identity, id);
  const body = await parseJsonBody(req, addClauseSchema);
  return json(await getServices().structure.addClause(identity, id, body), 201);
});
