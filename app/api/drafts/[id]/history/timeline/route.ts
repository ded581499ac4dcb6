// GET /api/drafts/:id/history/timeline?clause&delegation&kind&from&to&cursor&limit - every recorded event, newest first
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { parseQuery, timelineQuerySchema } from '@/lib/requests/history';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const q = parseQuery(req, timelineQuerySchema);
  return json(
    await getServices().history.timeline(identity, id, {
      clauseId: q.clause,
      delegation: q.delegation,
      kinds: q.kind,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      cursor: q.cursor,
      limit: q.limit,
    }),
  );
});
