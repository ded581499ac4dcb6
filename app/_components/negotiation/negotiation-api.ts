/**
 * Browser calls to the negotiation endpoints (README "HTTP API"). Each resolves with
 * the server's DTO or throws an `ApiRequestError` whose message is the server's own
 * words, ready to show next to the form that sent the request.
 */
import type { PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import type { NegotiationSnapshot } from './negotiation-state';

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's error code (`forbidden`, `conflict`, …), when it gave one. */
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: Array<{ path?: string; message?: string }> };
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended: sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found: it may have been removed, or it is not shared with you.';
  if (status >= 500) return 'The server could not do this just now. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

async function toError(res: Response): Promise<ApiRequestError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to words of our own.
  }
  const err = body?.error;
  const issues = (err?.issues ?? [])
    .map((i) => (i.path ? `${i.path}: ${i.message ?? 'invalid'}` : (i.message ?? '')))
    .filter(Boolean);
  const message = [err?.message ?? fallbackMessage(res.status), ...issues].join(' — ');
  return new ApiRequestError(message, res.status, err?.code ?? null);
}

async function request<T>(method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown): Promise<T> {
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
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

/** `GET /api/drafts/:id/negotiation`: statuses, positions, consensus and silence procedures in one call. */
export function fetchNegotiation(draftId: string): Promise<NegotiationSnapshot> {
  return request('GET', `${draftPath(draftId)}/negotiation`);
}

export interface PositionInput {
  position: Position;
  reservation?: Reservation;
  note?: string;
}

/** `PUT …/clauses/:clauseId/positions/:delegation`: states (or confirms on the current text) a delegation's position. */
export function putPosition(draftId: string, clauseId: string, delegation: DelegationCode, input: PositionInput): Promise<PositionDto> {
  const body: PositionInput = { position: input.position };
  if (input.position === 'reservation' && input.reservation) body.reservation = input.reservation;
  if (input.note?.trim()) body.note = input.note.trim();
  return request(
    'PUT',
    `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/positions/${encodeURIComponent(delegation)}`,
    body,
  );
}

/** `POST …/silence/:silenceId/break`: breaks a running silence procedure for the caller's delegation. */
export function breakSilence(draftId: string, silenceId: string, reason: string): Promise<SilenceProcedureDto> {
  return request('POST', `${draftPath(draftId)}/silence/${encodeURIComponent(silenceId)}/break`, { reason: reason.trim() });
}
