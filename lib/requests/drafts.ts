/**
 * The request bodies of the draft and delegation contracts (POST/PATCH /api/drafts,
 * the multipart fields of POST /api/drafts/import, POST /api/delegations), shared by the
 * routes and the secretariat's pages.
 */
import { z } from 'zod';
import { delegationCodeSchema } from '@/lib/domain/vocabulary';
import { freeText } from '@/lib/validation/text';
import { importPlanSchema } from '@/lib/drafts/import-plan';
import { textImportSchema } from '@/lib/drafts/read-text-import';

export const DRAFT_STATES = ['open', 'closed'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

export const draftTitleSchema = freeText({ trim: true }).min(1, 'is required').max(200, 'is at most 200 characters');
export const draftDescriptionSchema = freeText({ multiline: true, trim: true }).max(20_000, 'is at most 20,000 characters');
const delegationListSchema = z.array(delegationCodeSchema).max(200, 'lists at most 200 delegations');

/** Participants and observers: known codes are checked by the server; here, no delegation twice. */
function distinctLists(body: { participants?: string[]; observers?: string[] }, ctx: z.RefinementCtx): void {
  const participants = body.participants ?? [];
  const seen = new Set<string>();
  for (const code of participants) {
    if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['participants'], message: `lists ${code} twice` });
    seen.add(code);
  }
  for (const code of body.observers ?? []) {
    if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['observers'], message: `${code} is already listed (a delegation takes part once)` });
    seen.add(code);
  }
}

export const createDraftSchema = z
  .object({
    title: draftTitleSchema,
    description: draftDescriptionSchema.optional(),
    participants: delegationListSchema,
    observers: delegationListSchema.optional(),
    text: textImportSchema.optional(),
    /** The preview's clauses after merging, splitting and retitling (with `text` only), as for the DOCX import. */
    plan: importPlanSchema.optional(),
  })
  .strict()
  .superRefine(distinctLists)
  .refine((body) => !body.plan || body.text, { path: ['plan'], message: 'is only accepted with text' });
export type CreateDraftRequest = z.infer<typeof createDraftSchema>;

export const updateDraftSchema = z
  .object({
    title: draftTitleSchema.optional(),
    description: draftDescriptionSchema.optional(),
    participants: delegationListSchema.optional(),
    observers: delegationListSchema.optional(),
    state: z.enum(DRAFT_STATES).optional(),
    reason: freeText({ multiline: true, trim: true }).max(2000, 'is at most 2,000 characters').optional(),
  })
  .strict()
  .superRefine(distinctLists)
  .refine((body) => Object.keys(body).some((k) => k !== 'reason'), { message: 'change at least one of title, description, participants, observers, state' });
export type UpdateDraftRequest = z.infer<typeof updateDraftSchema>;

/** The multipart fields of POST /api/drafts/import besides `file` and `plan`. */
const codeListField = z
  .string()
  .max(2000)
  .transform((raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(delegationListSchema);

export const importDraftFieldsSchema = z
  .object({
    title: draftTitleSchema.optional(),
    participants: codeListField,
    observers: codeListField.optional(),
  })
  .superRefine(distinctLists);

export const createDelegationSchema = z
  .object({
    code: delegationCodeSchema,
    name: freeText({ trim: true }).min(1, 'is required').max(120, 'is at most 120 characters'),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'is a colour as #rrggbb')
      .optional(),
  })
  .strict();
export type CreateDelegationRequest = z.infer<typeof createDelegationSchema>;
