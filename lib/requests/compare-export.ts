import { z } from 'zod';
import { pointSchema } from '@/lib/requests/history';

export const compareExportQuerySchema = z
  .object({
    from: pointSchema,
    to: pointSchema.optional(),
    format: z.literal('docx', { error: 'a comparison is exported as docx (Word, with tracked changes) only' }).default('docx'),
  })
  .strict();
