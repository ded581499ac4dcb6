/**
 * Browser calls to the draft and delegation contracts (docs/api.md, "Drafts"). Each
 * resolves with the server's DTO or throws an `ApiError` in the server's own words.
 */
import type { DelegationDto, DraftDetail } from '@/lib/api/types';
import type { ImportPreview, PlanClause } from '@/lib/drafts/import-plan';
import type { TextImport } from '@/lib/drafts/read-text-import';
import { ApiError, apiSend, type ApiWording } from '../api-client';

const WORDING: ApiWording = {
  byStatus: {
    403: 'Only the secretariat can do this.',
    404: 'Not found: it may have been removed meanwhile. Reload the page.',
    413: 'The file is too large to import (10 MB at most).',
  },
};

export interface DraftFields {
  title: string;
  description?: string;
  participants: string[];
  observers: string[];
}

/** `POST /api/drafts`: an empty draft, or one from pasted text grouped as `plan` says. */
export function createDraft(fields: DraftFields, text?: TextImport, plan?: PlanClause[]): Promise<DraftDetail> {
  return apiSend('POST', '/api/drafts', { ...fields, ...(text ? { text, ...(plan ? { plan } : {}) } : {}) }, WORDING);
}

export interface DraftChanges {
  title?: string;
  description?: string;
  participants?: string[];
  observers?: string[];
  state?: 'open' | 'closed';
  reason?: string;
}

/** `PATCH /api/drafts/:id`. */
export function updateDraft(draftId: string, changes: DraftChanges): Promise<DraftDetail> {
  return apiSend('PATCH', `/api/drafts/${encodeURIComponent(draftId)}`, changes, WORDING);
}

/** `POST /api/delegations`: the colour is assigned by the server. */
export function createDelegation(code: string, name: string): Promise<DelegationDto> {
  return apiSend('POST', '/api/delegations', { code, name }, WORDING);
}

async function sendForm<T>(url: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('Cannot reach the server. Check your connection and try again.', 0, null);
  }
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok)
    throw new ApiError(
      body?.error?.message ?? WORDING.byStatus?.[res.status] ?? `The request failed (HTTP ${res.status}).`,
      res.status,
      body?.error?.code ?? null,
    );
  return body as T;
}

/** `POST /api/drafts/import/preview`: the clauses a .docx would make. */
export function previewDocx(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.set('file', file);
  return sendForm('/api/drafts/import/preview', form);
}

/** `POST /api/drafts/import`: the draft from the file, grouped and titled as `plan` says. */
export function importDocx(file: File, fields: DraftFields, plan: PlanClause[]): Promise<DraftDetail> {
  const form = new FormData();
  form.set('file', file);
  form.set('title', fields.title);
  form.set('participants', fields.participants.join(','));
  if (fields.observers.length > 0) form.set('observers', fields.observers.join(','));
  form.set('plan', JSON.stringify(plan));
  return sendForm('/api/drafts/import', form);
}
