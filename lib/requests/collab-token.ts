import { z } from 'zod';

export const collabTokenRequestSchema = z.object({ draftId: z.string().uuid('draftId must be a draft id (UUID)') });
