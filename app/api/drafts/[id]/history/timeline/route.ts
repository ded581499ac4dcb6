// GET /api/drafts/:id/history/timeline?clause&delegation&from&to&cursor&limit - edit sessions, revisions and decisions, newest first
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { parseQuery, timelineQuerySchema } from '../schema';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const q = parseQuery(req, timelineQuerySchema);
  return json(
    await getServices().history.timeline(identity, id, {
      clauseId: q.clause,
      delegation: q.delegation,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      cursor: q.cursor,
      limit: q.limit,
    }),
  );
});
