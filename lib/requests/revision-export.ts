import { z } from 'zod';

export const revisionExportQuerySchema = z
  .object({
    format: z.enum(['docx', 'pdf'], { error: 'format must be docx or pdf' }).default('docx'),
    annex: z
      .never({
        error: 'the positions annex is only available for the current text (GET /api/drafts/:id/export?annex=positions): positions are not part of a revision',
      })
      .optional(),
  })
  .strict();
