/**
 * Browser calls to the negotiation endpoints (README "HTTP API"). Each resolves with
 * the server's DTO or throws an `ApiError` (../api-client.ts) whose message is the server's own
 * words, ready to show next to the form that sent the request.
 */
import type { PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import type { DelegationCode, Position, Reservation } from '@/lib/domain/vocabulary';
import { apiGet, apiSend, type ApiWording } from '../api-client';
import type { NegotiationSnapshot } from './negotiation-state';

/** Words of our own for refusals the server did not explain. */
export const NEGOTIATION_WORDING: ApiWording = {
  byStatus: {
    403: 'You are not allowed to do this.',
    404: 'Not found: it may have been removed, or it is not shared with you.',
  },
};

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

/** `GET /api/drafts/:id/negotiation`: statuses, positions, consensus and silence procedures in one call. */
export function fetchNegotiation(draftId: string): Promise<NegotiationSnapshot> {
  return apiGet(`${draftPath(draftId)}/negotiation`, NEGOTIATION_WORDING);
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
  return apiSend(
    'PUT',
    `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/positions/${encodeURIComponent(delegation)}`,
    body,
    NEGOTIATION_WORDING,
  );
}

/** `POST …/silence/:silenceId/break`: breaks a running silence procedure for the caller's delegation. */
export function breakSilence(draftId: string, silenceId: string, reason: string): Promise<SilenceProcedureDto> {
  return apiSend('POST', `${draftPath(draftId)}/silence/${encodeURIComponent(silenceId)}/break`, { reason: reason.trim() }, NEGOTIATION_WORDING);
}
