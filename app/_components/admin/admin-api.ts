/**
 * Browser calls to the secretariat's endpoints (README "HTTP API": users and audit).
 * Each resolves with the server's DTO or throws an `AdminRequestError` carrying the
 * server's own words (`error.message`), ready to show inside the dialog that sent it.
 */
import type { AuditPage, UserDto } from '@/lib/api/types';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';

export class AdminRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's error code (`conflict`, `bad_request`, …), when it gave one. */
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'AdminRequestError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: Array<{ path?: string; message?: string }> };
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended: sign in again.';
  if (status === 403) return 'Only the secretariat can do this.';
  if (status === 404) return 'Not found: it may have been removed meanwhile. Reload the page.';
  if (status === 429) return 'Too many changes in a short time. Wait a moment and try again.';
  if (status >= 500) return 'The server could not do this just now. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

async function toError(res: Response): Promise<AdminRequestError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to words of our own.
  }
  const err = body?.error;
  const issues = (err?.issues ?? []).map((i) => (i.path ? `${i.path} ${i.message ?? 'is invalid'}` : (i.message ?? ''))).filter(Boolean);
  const message = [err?.message ?? fallbackMessage(res.status), ...issues].join(' — ');
  return new AdminRequestError(message, res.status, err?.code ?? null);
}

async function request<T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AdminRequestError('Cannot reach the server. Check your connection and try again.', 0, null);
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

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
  return request('POST', '/api/users', input);
}

export interface PersonChanges {
  name?: string;
  role?: Role;
  delegation?: DelegationCode | null;
  disabled?: boolean;
}

/** `PATCH /api/users/:id`: a change of rights ends the person's sessions and live connections at once. */
export function updatePerson(userId: string, changes: PersonChanges): Promise<UserDto> {
  return request('PATCH', `/api/users/${encodeURIComponent(userId)}`, changes);
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
  return request('GET', `/api/audit${auditQuery(filters, { before: String(before), limit: String(limit) })}`);
}
