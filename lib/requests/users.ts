import { z } from 'zod';
import { delegationCodeSchema, roleSchema } from '@/lib/domain/vocabulary';
import { freeText } from '@/lib/validation/text';

export const createUserSchema = z
  .object({
    email: z.email('must be an email address').max(320),
    name: freeText({ trim: true }).min(1, 'is required').max(200, 'is at most 200 characters'),
    role: roleSchema,
    delegation: delegationCodeSchema.nullable().default(null),
    password: freeText().min(10, 'must be at least 10 characters').max(1024).optional(),
  })
  .strict();

export const updateUserSchema = z
  .object({
    name: freeText({ trim: true }).min(1, 'is required').max(200, 'is at most 200 characters').optional(),
    role: roleSchema.optional(),
    delegation: delegationCodeSchema.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one of name, role, delegation, disabled' });
