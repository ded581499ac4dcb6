// POST /api/collab-token - a short-lived token for non-browser clients of ws://HOST/yjs/<draftId>
import type { CollabToken } from '@/lib/api/types';
import { json, parseJsonBody, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { collabTokenRequestSchema } from '@/lib/requests/collab-token';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const { draftId } = await parseJsonBody(req, collabTokenRequestSchema);
  const services = getServices();
  await services.drafts.requireAccess(identity, draftId);
  const { token, expiresAt } = services.collabTokens.issue(identity, draftId);
  const body: CollabToken = { token, expiresAt: expiresAt.toISOString() };
  return json(body);
});
