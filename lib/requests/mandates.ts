import { z } from 'zod';
import { delegationCodeSchema } from '@/lib/domain/vocabulary';
import { freeText } from '@/lib/validation/text';

/** `POST /api/drafts/:id/mandates`: a delegation (or the secretariat, recording a letter) gives a mandate. */
export const giveMandateSchema = z
  .object({
    from: delegationCodeSchema,
    to: delegationCodeSchema,
    /** The clauses it covers; omitted: every clause. */
    clauseIds: z
      .array(z.string().uuid('each clause id must be a UUID'))
      .min(1, 'name at least one clause, or leave clauseIds out for every clause')
      .max(500)
      .optional(),
    /** Until when it holds; omitted: until revoked. */
    until: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T12:00:00Z' }).optional(),
    /** Whether the holder may break silence for `from`. */
    breakSilence: z.boolean().optional(),
    note: freeText({ multiline: true }).max(2000, 'the note is at most 2,000 characters').optional(),
  })
  .strict();

/** `POST /api/drafts/:id/clauses/:clauseId/editorial`: the secretariat marks the clause's edits editorial. */
export const editorialSchema = z.object({ note: freeText({ multiline: true }).max(2000, 'the note is at most 2,000 characters').optional() }).strict();
