import { z } from 'zod';
import { positionSchema, reservationSchema } from '@/lib/domain/vocabulary';
import { freeText } from '@/lib/validation/text';

type Body = { position?: unknown; reservation?: unknown };

// `when` runs these checks even when another field is invalid, so that every problem is listed at once.
const always = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

export const setPositionSchema = z
  .object({
    position: positionSchema,
    reservation: reservationSchema.optional(),
    note: freeText({ multiline: true }).max(4000, 'the explanation of position is limited to 4,000 characters').optional(),
  })
  .strict()
  .refine((body: Body) => body.position !== 'reservation' || body.reservation !== undefined, {
    path: ['reservation'],
    message: 'is required with position "reservation" (scrutiny, parliamentary, linguistic or substantive)',
    ...always,
  })
  .refine((body: Body) => body.position === 'reservation' || body.reservation === undefined, {
    path: ['reservation'],
    message: 'is only allowed with position "reservation"',
    ...always,
  });

/** A position as stated by a delegation (the body of the position PUT, as its schema checks it). */
export type PositionInput = z.infer<typeof setPositionSchema>;
