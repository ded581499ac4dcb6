/**
 * Browser calls to the negotiation endpoints (docs/api.md). Each resolves with
 * the server's DTO or throws an `ApiError` (../api-client.ts) whose message is the server's own
 * words, ready to show next to the form that sent the request.
 */
import type { ConfirmedPositionDto, EditorialMarkDto, MandateDto, PositionDto, PositionInput, SilenceProcedureDto } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
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

export type { PositionInput };

/** `PUT …/clauses/:clauseId/positions/:delegation`: states (or confirms on the current text) a delegation's position. */
export function putPosition(draftId: string, clauseId: string, delegation: DelegationCode, input: PositionInput): Promise<PositionDto> {
  const body: PositionInput = { position: input.position };
  if (input.position === 'reservation' && input.reservation) body.reservation = input.reservation;
  if (input.note?.trim()) body.note = input.note.trim();
  return apiSend('PUT', `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/positions/${encodeURIComponent(delegation)}`, body, NEGOTIATION_WORDING);
}

/** `POST …/silence/:silenceId/break`: breaks a running silence procedure for the caller's delegation (or, under a mandate that allows it, for `forDelegation`). */
export function breakSilence(draftId: string, silenceId: string, reason: string, forDelegation?: DelegationCode): Promise<SilenceProcedureDto> {
  const body = forDelegation ? { reason: reason.trim(), for: forDelegation } : { reason: reason.trim() };
  return apiSend('POST', `${draftPath(draftId)}/silence/${encodeURIComponent(silenceId)}/break`, body, NEGOTIATION_WORDING);
}

/** `POST …/positions/confirm-all`: confirms every position of the caller's delegation given on earlier text. */
export async function confirmAllPositions(draftId: string): Promise<ConfirmedPositionDto[]> {
  const body = await apiSend<{ confirmed: ConfirmedPositionDto[] }>('POST', `${draftPath(draftId)}/positions/confirm-all`, {}, NEGOTIATION_WORDING);
  return body.confirmed;
}

export interface MandateInput {
  from: DelegationCode;
  to: DelegationCode;
  clauseIds?: string[];
  until?: string;
  breakSilence?: boolean;
}

/** `POST …/mandates`: gives a mandate (a delegate of `from`, or the secretariat recording a letter). */
export function giveMandate(draftId: string, input: MandateInput): Promise<MandateDto> {
  return apiSend('POST', `${draftPath(draftId)}/mandates`, input, NEGOTIATION_WORDING);
}

/** `DELETE …/mandates/:mandateId`: revokes a mandate at once. */
export function revokeMandate(draftId: string, mandateId: string): Promise<MandateDto> {
  return apiSend('DELETE', `${draftPath(draftId)}/mandates/${encodeURIComponent(mandateId)}`, undefined, NEGOTIATION_WORDING);
}

/** `POST …/clauses/:clauseId/editorial`: the secretariat marks the clause's edits editorial; positions given on earlier text stay current. */
export function markEditorial(draftId: string, clauseId: string, note: string): Promise<EditorialMarkDto> {
  return apiSend(
    'POST',
    `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/editorial`,
    note.trim() ? { note: note.trim() } : {},
    NEGOTIATION_WORDING,
  );
}
