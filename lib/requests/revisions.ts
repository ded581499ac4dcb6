import { z } from 'zod';
import { freeText } from '@/lib/validation/text';

export const cutRevisionSchema = z.object({ note: freeText({ multiline: true }).max(2000, 'the note is at most 2000 characters').optional() }).strict();

export const revisionNumberSchema = z.coerce.number().int().min(1).max(1_000_000);
