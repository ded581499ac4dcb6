// POST /api/drafts/:id/alternatives/:alternativeId/adopt - the secretariat adopts an alternative: it replaces the text
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { adoptSchema } from '@/lib/requests/annotations';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; alternativeId: string }> };

export const POST = route(async (req: Request, ctx: Params) => {
  const identity = await requireIdentity(req);
  const { id, alternativeId } = await ctx.params;
  // The body is optional: an adoption may carry a note for the record.
  const hasBody = (req.headers.get('content-length') ?? '0') !== '0' || req.headers.has('content-type');
  const body = hasBody ? await parseJsonBody(req, adoptSchema) : {};
  return json(await getServices().annotations.adoptAlternative(identity, id, alternativeId, body));
});
