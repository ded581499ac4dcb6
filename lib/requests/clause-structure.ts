/** Request schemas of the clause structure routes (the secretariat's add, rename, split, move). */
import { z } from 'zod';
import { freeText } from '@/lib/validation/text';

export const clauseTitleSchema = freeText().trim().min(1, 'the title cannot be empty').max(200, 'the title is limited to 200 characters');

/** `POST /api/drafts/:id/clauses` */
export const addClauseSchema = z
  .object({
    title: clauseTitleSchema,
    afterClauseId: z.string().uuid('afterClauseId must be a clause id').nullable().optional(),
    text: freeText({ multiline: true }).max(20_000, 'the text is limited to 20,000 characters').optional(),
  })
  .strict();

/** `PATCH /api/drafts/:id/clauses/:clauseId` */
export const renameClauseSchema = z.object({ title: clauseTitleSchema }).strict();

/** `POST /api/drafts/:id/clauses/:clauseId/split` */
export const splitClauseSchema = z
  .object({
    paragraph: z
      .number({ message: 'paragraph must be a number' })
      .int('paragraph must be a whole number')
      .min(1, 'paragraph must be at least 1 (the first paragraph of the new clause)'),
    title: clauseTitleSchema.optional(),
  })
  .strict();

/** `PUT /api/drafts/:id/clause-order` */
export const clauseOrderSchema = z
  .object({
    clauseIds: z.array(z.string().uuid('each entry must be a clause id')).min(1, 'list every clause of the draft').max(2000, 'too many clause ids'),
  })
  .strict();
