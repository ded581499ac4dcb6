import { z } from 'zod';

export const startSilenceSchema = z
  .object({
    clauseIds: z.array(z.string().uuid('each clause id must be a UUID')).min(1, 'name at least one clause').max(500),
    deadline: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T12:00:00Z' }),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const reasonSchema = z
  .object({ reason: z.string().trim().min(3, 'give a reason of at least a few words').max(4000) })
  .strict();
