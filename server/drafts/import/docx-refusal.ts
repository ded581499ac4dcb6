/**
 * Why an uploaded file cannot be imported, as AppErrors whose message says what happened
 * and what to do. The `issues` entry names the `file` field and the reason, so a form can
 * show it next to the upload.
 */
import { AppError } from '@/lib/errors/app-error';

export const MAX_DOCX_BYTES = 10 * 1024 * 1024;
/** What the parts of a DOCX may add up to once unpacked; no real draft comes near. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 2000;

export type RefusalReason = 'empty' | 'too_large' | 'not_docx' | 'legacy_doc' | 'encrypted' | 'corrupt' | 'expands_too_much' | 'no_text';

const SAVE_AS_DOCX = 'Open it in Word and save it as “Word Document (.docx)”, then upload the new file';

const MESSAGES: Record<RefusalReason, string> = {
  empty: 'The file is empty. Choose the Word document (.docx) again.',
  too_large: `The file is larger than ${MAX_DOCX_BYTES / 1024 / 1024} MB, the limit for an import. Remove large images or embedded files from it, or paste its text instead.`,
  not_docx: 'This file is not a Word document (.docx), whatever its name says. Choose a .docx file, or paste the text instead.',
  legacy_doc: `This is an older Word document (.doc), which cannot be imported. ${SAVE_AS_DOCX}.`,
  encrypted:
    'This document is password-protected, so it cannot be read. Remove the password in Word (File › Info › Protect Document › Encrypt with Password, then clear it), save, and upload it again.',
  corrupt: `This file is damaged and cannot be read as a Word document. ${SAVE_AS_DOCX}.`,
  expands_too_much: `This file unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB or holds too many parts, far beyond any draft, so it was not opened. Remove large embedded files from it, or paste its text instead.`,
  no_text: 'This document has no text to import. Check that you chose the right file, or start from an empty draft.',
};

/** The refusal for `reason`; `detail` is appended to the message (e.g. what was dropped). */
export function docxRefusal(reason: RefusalReason, detail?: string): AppError {
  const code = reason === 'too_large' || reason === 'expands_too_much' ? 'payload_too_large' : 'bad_request';
  return new AppError(code, {
    message: detail ? `${MESSAGES[reason]} ${detail}` : MESSAGES[reason],
    issues: [{ path: 'file', message: reason }],
  });
}
