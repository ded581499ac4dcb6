/**
 * The fetch-JSON part every browser API helper shares (admin, negotiation, room): same-origin,
 * uncached, JSON in and out. A refusal throws an `ApiError` whose message is the server's own
 * `error.message` (plus any validation issues), or words of the caller's own when the server
 * gave none; an unreachable server is status 0.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's error code (`forbidden`, `conflict`, `bad_request`, …), when it gave one. */
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiIssue {
  path?: string;
  message?: string;
}

/** How one set of endpoints words the failures the server did not explain itself. */
export interface ApiWording {
  /** Words for particular HTTP statuses (403, 404, 429, …) whose body carried no `error.message`. */
  byStatus?: Partial<Record<number, string>>;
  /** One validation issue, as appended after the message (default `path: message`). */
  issue?: (issue: ApiIssue) => string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: ApiIssue[] };
}

function fallbackMessage(status: number, wording: ApiWording): string {
  if (status === 401) return 'Your session has ended: sign in again.';
  const own = wording.byStatus?.[status];
  if (own) return own;
  if (status >= 500) return 'The server could not do this just now. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

const defaultIssue = (i: ApiIssue): string => (i.path ? `${i.path}: ${i.message ?? 'invalid'}` : (i.message ?? ''));

async function toError(res: Response, wording: ApiWording): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to words of our own.
  }
  const err = body?.error;
  const issues = (err?.issues ?? []).map(wording.issue ?? defaultIssue).filter(Boolean);
  const message = [err?.message ?? fallbackMessage(res.status, wording), ...issues].join(' — ');
  return new ApiError(message, res.status, err?.code ?? null);
}

/** Sends `body` (as JSON, unless undefined) and resolves with the JSON answer, or throws an `ApiError`. */
export async function apiSend<T>(method: ApiMethod, url: string, body?: unknown, wording: ApiWording = {}): Promise<T> {
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
    throw new ApiError('Cannot reach the server. Check your connection and try again.', 0, null);
  }
  if (!res.ok) throw await toError(res, wording);
  return (await res.json()) as T;
}

/** `GET url`: resolves with the JSON answer or throws an `ApiError`. */
export function apiGet<T>(url: string, wording: ApiWording = {}): Promise<T> {
  return apiSend<T>('GET', url, undefined, wording);
}
