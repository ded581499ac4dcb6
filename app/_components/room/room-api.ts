/**
 * Browser calls the draft room makes on top of those in negotiation/negotiation-api.ts:
 * clause status, silence procedures (start, cancel) and a clause's position history.
 * Each resolves with the server's DTO or throws an `ApiRequestError` carrying the
 * server's own message (and HTTP status), ready to show next to the control.
 */
import type { ClauseStatusDto, PositionChangeDto, SilenceProcedureDto } from '@/lib/api/types';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { ApiRequestError } from '../negotiation/negotiation-api';

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: Array<{ path?: string; message?: string }> };
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended: sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found: it may have been removed, or it is not shared with you.';
  if (status === 429) return 'Too many requests just now. Wait a moment and try again.';
  if (status >= 500) return 'The server could not do this just now. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
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
    throw new ApiRequestError('Cannot reach the server. Check your connection and try again.', 0, null);
  }
  if (!res.ok) {
    let parsed: ErrorBody | null = null;
    try {
      parsed = (await res.json()) as ErrorBody;
    } catch {
      // Not JSON (a proxy's error page, say): our own words then.
    }
    const err = parsed?.error;
    const issues = (err?.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message ?? 'invalid'}` : (i.message ?? ''))).filter(Boolean);
    throw new ApiRequestError([err?.message ?? fallbackMessage(res.status), ...issues].join(' — '), res.status, err?.code ?? null);
  }
  return (await res.json()) as T;
}

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

/** `GET …/clauses/:clauseId/positions/history`: every change of position on the clause, oldest first. */
export function fetchPositionHistory(draftId: string, clauseId: string): Promise<PositionChangeDto[]> {
  return request('GET', `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/positions/history`);
}

/** `POST …/clauses/:clauseId/status`: agreeing without consensus is a 409 unless `override` gives the reason. */
export function setClauseStatus(draftId: string, clauseId: string, status: ClauseStatus, override?: string): Promise<ClauseStatusDto> {
  const body: { status: ClauseStatus; override?: string } = { status };
  if (override?.trim()) body.override = override.trim();
  return request('POST', `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/status`, body);
}

/** `POST …/silence`: puts the clauses under silence until `deadline` (an instant; sent as ISO 8601 UTC). */
export function startSilence(draftId: string, clauseIds: string[], deadline: Date, note?: string): Promise<SilenceProcedureDto> {
  const body: { clauseIds: string[]; deadline: string; note?: string } = { clauseIds, deadline: deadline.toISOString() };
  if (note?.trim()) body.note = note.trim();
  return request('POST', `${draftPath(draftId)}/silence`, body);
}

/** `POST …/silence/:silenceId/cancel`: the secretariat ends a running procedure early. */
export function cancelSilence(draftId: string, silenceId: string, reason: string): Promise<SilenceProcedureDto> {
  return request('POST', `${draftPath(draftId)}/silence/${encodeURIComponent(silenceId)}/cancel`, { reason: reason.trim() });
}
