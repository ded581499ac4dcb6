import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

export const auditQuerySchema = z.object({
  draftId: z.string().uuid('draftId must be a draft id').optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/, 'action is a name such as position.set')
    .optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * The audit query of a request (empty values dropped), with `overrides` applied.
 * @throws AppError bad_request listing every problem
 */
export function parseAuditQuery(req: Request, overrides: Record<string, string> = {}): z.infer<typeof auditQuerySchema> {
  const params = new URL(req.url).searchParams;
  const raw = { ...Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')), ...overrides };
  const parsed = auditQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message }));
    throw new AppError('bad_request', { message: `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
  return parsed.data;
}
