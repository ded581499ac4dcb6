import { z } from 'zod';
import { delegationCodeSchema, roleSchema } from '@/lib/domain/vocabulary';

export const createUserSchema = z
  .object({
    email: z.email('must be an email address').max(320),
    name: z.string().trim().min(1, 'is required').max(200),
    role: roleSchema,
    delegation: delegationCodeSchema.nullable().default(null),
    password: z.string().min(10, 'must be at least 10 characters').max(1024).optional(),
  })
  .strict();

export const updateUserSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    delegation: delegationCodeSchema.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one of name, role, delegation, disabled' });
