import { z } from 'zod';
import { delegationCodeSchema } from '@/lib/domain/vocabulary';
import { freeText } from '@/lib/validation/text';

export const startSilenceSchema = z
  .object({
    clauseIds: z.array(z.string().uuid('each clause id must be a UUID')).min(1, 'name at least one clause').max(500),
    deadline: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T12:00:00Z' }),
    note: freeText({ multiline: true }).max(2000, 'the note is at most 2,000 characters').optional(),
    /** Needed when a clause has open brackets or alternatives: why silence starts anyway (recorded). */
    override: freeText({ multiline: true }).min(1, 'give a reason').max(2000, 'the override reason is at most 2,000 characters').optional(),
  })
  .strict();

export const reasonSchema = z
  .object({
    reason: freeText({ multiline: true, trim: true }).min(3, 'give a reason of at least a few words').max(4000, 'the reason is at most 4,000 characters'),
  })
  .strict();

/** Breaking silence: the reason, and `for` a delegation whose mandate allows breaking silence (default: one's own). */
export const breakSilenceSchema = z
  .object({
    reason: freeText({ multiline: true, trim: true }).min(3, 'give a reason of at least a few words').max(4000, 'the reason is at most 4,000 characters'),
    for: delegationCodeSchema.optional(),
  })
  .strict();
