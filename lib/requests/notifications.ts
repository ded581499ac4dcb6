import { z } from 'zod';
import { freeText } from '@/lib/validation/text';

export const notificationQuerySchema = z.object({
  before: freeText().max(100, { error: 'before is the nextBefore of a previous page' }).optional(),
  limit: z.coerce.number({ error: 'limit is a number' }).int().min(1, { error: 'limit is at least 1' }).max(100, { error: 'limit is at most 100' }).default(20),
  unread: z.enum(['1', 'true'], { error: 'unread is 1 when given' }).optional(),
});

export const markReadSchema = z
  .object({
    ids: z
      .array(z.string().uuid({ error: 'must be a notification id' }))
      .min(1, { error: 'lists at least one id' })
      .max(500, { error: 'lists at most 500 ids' })
      .optional(),
    all: z.literal(true, { error: 'is true when given' }).optional(),
  })
  .strict()
  .refine((b) => (b.ids ? 1 : 0) + (b.all ? 1 : 0) === 1, { error: 'give either ids (a list of notification ids) or all: true', path: [] });
