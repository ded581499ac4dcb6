// PUT /api/drafts/:id/clause-order - the secretariat puts the clauses in a new order (a permutation of all of them)
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { clauseOrderSchema } from '@/lib/requests/clause-structure';

export const dynamic = 'force-dynamic';

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  await getServices().structure.requireSecretariat(identity, id);
  const body = await parseJsonBody(req, clauseOrderSchema);
  return json(await getServices().structure.reorderClauses(identity, id, body));
});
