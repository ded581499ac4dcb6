import { z } from 'zod';

export const exportQuerySchema = z.object({
  format: z.enum(['docx', 'pdf'], { error: 'format must be docx or pdf' }).default('docx'),
  annex: z.enum(['positions'], { error: 'annex can only be positions (the annex of delegations’ positions per clause)' }).optional(),
});

/** Query parameters as an object for the schema (empty values dropped). */
export function queryOf(req: Request): Record<string, string> {
  const params = new URL(req.url).searchParams;
  return Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
}
