// GET /api/audit?draftId&action&before&limit - the audit log, newest first, paginated (secretariat)
import { AppError } from '@/lib/errors/app-error';
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { auditQuerySchema, queryOf } from './schema';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const parsed = auditQuerySchema.safeParse(queryOf(req));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('bad_request', { message: `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
  return json(await getServices().audit.read(identity, parsed.data));
});
