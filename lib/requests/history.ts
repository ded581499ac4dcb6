import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { parsePoint } from '@/lib/history/point';
import { TIMELINE_KINDS, type TimelineKind } from '@/lib/history/types';
import { freeText } from '@/lib/validation/text';

/** A point of the history: now, rev:N, log:N or an ISO 8601 time (see lib/history/point). */
export const pointSchema = freeText()
  .max(64, 'a point is at most 64 characters')
  .refine((value) => parsePoint(value).ok, { message: 'use now, rev:N (a revision), log:N (an update-log id) or an ISO 8601 time' });

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-03-04T14:05:00Z' });

export const timelineQuerySchema = z
  .object({
    clause: z.string().uuid('clause must be a clause id').optional(),
    delegation: z
      .string()
      .regex(/^[A-Z]{2,8}$/, 'delegation is a code such as FR')
      .optional(),
    kind: z
      .string()
      .max(200)
      .transform((value) =>
        value
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .refine((kinds) => kinds.every((k) => (TIMELINE_KINDS as readonly string[]).includes(k)), {
        message: `kind is a comma-separated list of ${TIMELINE_KINDS.join(', ')}`,
      })
      .transform((kinds) => kinds as TimelineKind[])
      .optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    cursor: freeText().max(200, 'cursor is the nextCursor of a previous page').optional(),
    limit: z.coerce.number().int().min(1, 'limit is at least 1').max(100, 'limit is at most 100').default(30),
  })
  .strict();

export const compareQuerySchema = z.object({ from: pointSchema, to: pointSchema.optional() }).strict();

export const atQuerySchema = z.object({ at: pointSchema.optional() }).strict();

export const restoreSchema = z
  .object({
    to: pointSchema,
    clauseId: z.string().uuid('clauseId must be a clause id').optional(),
  })
  .strict();

/** Query parameters checked against a schema; every problem listed in one bad_request. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message }));
    throw new AppError('bad_request', { message: `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
  return parsed.data;
}
