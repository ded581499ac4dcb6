/**
 * Multipart uploads for the import routes: the form, and its `file` field checked
 * for size before it is buffered (the body itself is capped at 11 MiB by body-limits.ts).
 */
import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { docxRefusal, MAX_DOCX_BYTES } from '../drafts/import/docx-refusal';

/** The request's multipart form. @throws AppError bad_request when it is not one. */
export async function readMultipart(req: Request): Promise<FormData> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError('bad_request', { message: 'Send the file as multipart/form-data, in a field named "file".' });
  }
  try {
    return await req.formData();
  } catch {
    throw new AppError('bad_request', { message: 'The upload could not be read as multipart/form-data. Choose the file again.' });
  }
}

/** The uploaded `file` field as bytes. @throws AppError when it is missing or over 10 MB. */
export async function uploadedFile(form: FormData): Promise<Buffer> {
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new AppError('bad_request', {
      message: 'Choose a Word document (.docx) to upload, in the field "file".',
      issues: [{ path: 'file', message: 'is required' }],
    });
  }
  if (file.size > MAX_DOCX_BYTES) throw docxRefusal('too_large');
  return Buffer.from(await file.arrayBuffer());
}

/** A text field of the form (absent: undefined). */
export function textField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  if (typeof value !== 'string')
    throw new AppError('bad_request', { message: `The field "${name}" must be text.`, issues: [{ path: name, message: 'must be text' }] });
  return value;
}

/** Parse text fields with a schema, listing every problem as a 400 (as parseJsonBody does). */
export function parseFields<S extends z.ZodType>(fields: Record<string, string | undefined>, schema: S): z.infer<S> {
  const result = schema.safeParse(fields);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(form)', message: i.message }));
    throw new AppError('bad_request', { message: `The request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
  return result.data;
}
