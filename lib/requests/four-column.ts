/**
 * Requests of the four-column document, the secretariat's comment on a clause and the
 * adopted text (docs/api.md, "Exports").
 */
import { z } from 'zod';
import { clauseCommentSchema } from '@/lib/history/four-column';
import { pointSchema } from './history';

/** `GET /api/drafts/:id/four-column?from&to&format`: the points compare takes. */
export const fourColumnQuerySchema = z
  .object({
    from: pointSchema,
    to: pointSchema.optional(),
    format: z.enum(['json', 'docx', 'pdf'], { error: 'format must be json, docx or pdf' }).default('json'),
  })
  .strict();

/** `PUT /api/drafts/:id/clauses/:clauseId/comment`: at most 4,000 characters; empty clears it. */
export const putCommentSchema = clauseCommentSchema.strict();

/** `GET /api/drafts/:id/export/adopted?format`. */
export const adoptedQuerySchema = z.object({ format: z.enum(['docx', 'pdf'], { error: 'format must be docx or pdf' }).default('docx') }).strict();
