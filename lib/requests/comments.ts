import { z } from 'zod';
import { MAX_ENCODED_ANCHOR_CHARS } from '@/lib/comments/comment-anchor';
import { commentVisibilitySchema, MAX_COMMENT_CHARS } from '@/lib/comments/comment-visibility';
import { AppError } from '@/lib/errors/app-error';
import { freeText } from '@/lib/validation/text';

const grouped = (n: number) => n.toLocaleString('en-GB');

/** A comment or reply body: plain text, 1 to 10,000 characters once trimmed. */
export const commentBodySchema = freeText({ multiline: true, trim: true, error: 'is required: the text of the comment' })
  .min(1, { error: 'is empty: write something' })
  .max(MAX_COMMENT_CHARS, {
    error: (issue) =>
      `is limited to ${grouped(MAX_COMMENT_CHARS)} characters (this one has ${grouped(typeof issue.input === 'string' ? issue.input.length : 0)}); shorten it or split it into replies`,
  });

const anchorEnd = z
  .string({ error: 'is required: an encoded Yjs relative position' })
  .min(1, { error: 'is empty' })
  .max(MAX_ENCODED_ANCHOR_CHARS, { error: `is longer than ${MAX_ENCODED_ANCHOR_CHARS} characters` })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'is not an encoded Yjs relative position (base64)' });

export const createThreadSchema = z
  .object({
    clauseId: z.string({ error: 'is required' }).uuid({ error: 'must be a clause id' }),
    anchor: z.object({ start: anchorEnd, end: anchorEnd }).strict(),
    quote: freeText({ multiline: true, error: 'is required: the selected words' }).max(MAX_COMMENT_CHARS, { error: 'is too long' }),
    body: commentBodySchema,
    visibility: commentVisibilitySchema.default('everyone'),
  })
  .strict();

export const replySchema = z.object({ body: commentBodySchema }).strict();

export const listQuerySchema = z.object({
  clauseId: z.string().uuid({ error: 'clauseId must be a clause id' }).optional(),
  state: z.enum(['open', 'resolved'], { error: 'state is open or resolved' }).optional(),
});

/** Parse the query string with a schema, listing every problem. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('bad_request', { message: `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
  return parsed.data;
}
