import { z } from 'zod';
import { clauseStatusSchema } from '@/lib/domain/vocabulary';
import { freeText } from '@/lib/validation/text';

export const setStatusSchema = z
  .object({
    status: clauseStatusSchema,
    override: freeText({ multiline: true }).max(2000, 'the override reason is limited to 2,000 characters').optional(),
  })
  .strict();
