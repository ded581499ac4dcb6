// PATCH /api/drafts/:id/clauses/:clauseId - the secretariat renames a clause
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { renameClauseSchema } from '@/lib/requests/clause-structure';

export const dynamic = 'force-dynamic';

export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string; clauseId: string }> }) => {
  const identity = await requireIdentity(req);
  const { id, clauseId } = await ctx.params;
  await getServices().structure.requireSecretariat(identity, id);
  const body = await parseJsonBody(req, renameClauseSchema);
  return json(await getServices().structure.renameClause(identity, id, clauseId, body));
});
