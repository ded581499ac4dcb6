import { z } from 'zod';
import { clauseStatusSchema } from '@/lib/domain/vocabulary';

export const setStatusSchema = z
  .object({
    status: clauseStatusSchema,
    override: z.string().max(2000, 'the override reason is limited to 2,000 characters').optional(),
  })
  .strict();
