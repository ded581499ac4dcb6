import { z } from 'zod';

export const auditQuerySchema = z.object({
  draftId: z.string().uuid('draftId must be a draft id').optional(),
  action: z.string().regex(/^[a-z_.]{1,64}$/, 'action is a name such as position.set').optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Query parameters as an object for the schema (empty values dropped). */
export function queryOf(req: Request): Record<string, string> {
  const params = new URL(req.url).searchParams;
  return Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
}
