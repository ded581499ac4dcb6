/**
 * Free text typed by people (notes, reasons, comments, wording, names): the one zod
 * schema every request uses for it, so that no field lets through characters that are
 * not text. NUL cannot be stored by PostgreSQL at all (it answered 500), other control
 * characters hide or rewrite what a reader sees (an ESC sequence in a log or a CSV
 * export), and an unpaired UTF-16 surrogate is silently replaced on its way to UTF-8.
 */
import { z } from 'zod';

export interface FreeTextOptions {
  /** Notes, reasons and comments keep tabs and line breaks (CRLF and CR become LF); names and other one-line fields refuse them. */
  multiline?: boolean;
  /** Remove surrounding white space before the length checks the caller chains. */
  trim?: boolean;
  /** The message when the field is missing or not a string. */
  error?: string;
}

// C0 controls except tab and LF (multi-line) or all of them (one line), DEL, and the C1 controls.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** CRLF and lone CR (old Mac, some paste buffers) become LF, so stored text has one kind of line break. */
export function normaliseLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/**
 * Why `value` is not acceptable free text, as the end of a sentence naming the field,
 * or null when it is fine. Exported for callers outside zod (e.g. the sign-in form).
 */
export function freeTextProblem(value: string, multiline: boolean): string | null {
  const control = (multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).exec(value);
  if (control) {
    const where = `${codePoint(control[0])} at character ${control.index + 1}`;
    return multiline
      ? `contains a control character (${where}), which is not text: remove it (tabs and line breaks are fine)`
      : `contains a control character (${where}): write it on one line, without tabs, line breaks or control characters`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) {
    return `contains a broken character (an unpaired UTF-16 surrogate ${codePoint(surrogate[0])} at character ${surrogate.index + 1}): type or paste the text again`;
  }
  return null;
}

/**
 * A zod string for free text: refuses control characters (except tab and line feed in
 * multi-line text) and unpaired surrogates with an issue on the field itself, so the 400
 * names it. Chain `.min()` / `.max()` with the field's own messages; lengths count
 * after line breaks are normalised (and after trimming, when asked).
 */
export function freeText(options: FreeTextOptions = {}): z.ZodString {
  const multiline = options.multiline ?? false;
  let schema = z.string(options.error ? { error: options.error } : undefined);
  if (multiline) schema = schema.overwrite(normaliseLineBreaks);
  if (options.trim) schema = schema.trim();
  return schema.superRefine((value, ctx) => {
    const problem = freeTextProblem(value, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
}
