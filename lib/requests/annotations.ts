/**
 * Request bodies for brackets and alternatives (zod), shared by the route handlers and
 * the browser helpers. Wording is plain text: it is stored and shown as text, never as HTML.
 */
import { z } from 'zod';
import { freeText } from '@/lib/validation/text';

export const MAX_WORDING_CHARS = 10_000;

/** Plain text: no NUL or other control characters except tab and line breaks (lib/validation/text). */
const plainText = (label: string, max: number) => freeText({ multiline: true }).max(max, `${label} is limited to ${max.toLocaleString('en')} characters`);

const base64 = z
  .string()
  .min(4)
  .max(200)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be a base64-encoded Yjs relative position');

/** Where the words are: plain-text offsets in the clause, or Yjs relative positions made by a client. */
export const spanSchema = z.union(
  [
    z
      .object({
        range: z
          .object({ from: z.number().int().min(0), to: z.number().int().min(1) })
          .strict()
          .refine((r) => r.from < r.to, 'from must be before to'),
      })
      .strict(),
    z.object({ anchor: z.object({ start: base64, end: base64 }).strict() }).strict(),
  ],
  { error: 'give either range { from, to } (offsets in the clause text) or anchor { start, end } (Yjs relative positions)' },
);

export const addBracketSchema = z
  .object({
    span: spanSchema,
    quote: plainText('The quoted text', MAX_WORDING_CHARS).optional(),
  })
  .strict();

export const proposeAlternativeSchema = z
  .object({
    body: plainText('The alternative wording', MAX_WORDING_CHARS).refine((s) => s.trim().length > 0, 'write the alternative wording'),
    note: plainText('The note', 4000).optional(),
    span: spanSchema.optional(),
    quote: plainText('The quoted text', MAX_WORDING_CHARS).optional(),
    competesWith: z.string().uuid('must be the id of an open alternative').optional(),
  })
  .strict()
  .refine((b) => !(b.span && b.competesWith), { path: ['competesWith'], message: 'give either span or competesWith, not both' });

export const backingSchema = z.object({ backed: z.boolean() }).strict();

export const adoptSchema = z.object({ note: plainText('The note', 4000).optional() }).strict();

export type AddBracketBody = z.infer<typeof addBracketSchema>;
export type ProposeAlternativeBody = z.infer<typeof proposeAlternativeSchema>;
