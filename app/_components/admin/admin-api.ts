/**
 * Browser calls to the secretariat's endpoints (docs/api.md, "People and audit").
 * Each resolves with the server's DTO or throws an `ApiError` (../api-client.ts) carrying the
 * server's own words (`error.message`), ready to show inside the dialog that sent it.
 */
import type { AuditPage, UserDto } from '@/lib/api/types';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { apiGet, apiSend, type ApiWording } from '../api-client';

/** Words of our own for refusals the server did not explain (secretariat endpoints). */
const ADMIN_WORDING: ApiWording = {
  byStatus: {
    403: 'Only the secretariat can do this.',
    404: 'Not found: it may have been removed meanwhile. Reload the page.',
    429: 'Too many changes in a short time. Wait a moment and try again.',
  },
  issue: (i) => (i.path ? `${i.path} ${i.message ?? 'is invalid'}` : (i.message ?? '')),
};

export interface NewPerson {
  email: string;
  name: string;
  role: Role;
  delegation: DelegationCode | null;
  /** Leave out to have the server generate one (returned once). */
  password?: string;
}

/** `POST /api/users`: the new account, with the generated password when none was given. */
export function createPerson(input: NewPerson): Promise<{ user: UserDto; password?: string }> {
  return apiSend('POST', '/api/users', input, ADMIN_WORDING);
}

export interface PersonChanges {
  name?: string;
  role?: Role;
  delegation?: DelegationCode | null;
  disabled?: boolean;
}

/** `PATCH /api/users/:id`: a change of rights ends the person's sessions and live connections at once. */
export function updatePerson(userId: string, changes: PersonChanges): Promise<UserDto> {
  return apiSend('PATCH', `/api/users/${encodeURIComponent(userId)}`, changes, ADMIN_WORDING);
}

export interface AuditFilters {
  action: string;
  draftId: string;
}

/** The query string shared by the audit page, its "Load older" requests and the CSV export. */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.draftId) params.set('draftId', filters.draftId);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** `GET /api/audit`: entries older than `before`, newest first. */
export function fetchAuditPage(filters: AuditFilters, before: number, limit: number): Promise<AuditPage> {
  return apiGet(`/api/audit${auditQuery(filters, { before: String(before), limit: String(limit) })}`, ADMIN_WORDING);
}

/** `POST /api/users/:id/sign-out-everywhere`: every session of the person ends and their open drafts disconnect. */
export function signOutPersonEverywhere(userId: string): Promise<{ ok: true }> {
  return apiSend('POST', `/api/users/${encodeURIComponent(userId)}/sign-out-everywhere`, undefined, ADMIN_WORDING);
}
