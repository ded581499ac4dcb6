/**
 * Browser calls the draft room makes on top of those in negotiation/negotiation-api.ts:
 * clause status, silence procedures (start, cancel) and a clause's position history.
 * Each resolves with the server's DTO or throws an `ApiError` (../api-client.ts) carrying the
 * server's own message (and HTTP status), ready to show next to the control.
 */
import type { ClauseStatusDto, PositionChangeDto, SilenceProcedureDto } from '@/lib/api/types';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { apiGet, apiSend, type ApiWording } from '../api-client';
import { NEGOTIATION_WORDING } from '../negotiation/negotiation-api';

/** The negotiation endpoints' words, plus one for the rate limit the room's actions can meet. */
const ROOM_WORDING: ApiWording = {
  byStatus: { ...NEGOTIATION_WORDING.byStatus, 429: 'Too many requests just now. Wait a moment and try again.' },
};

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

/** `GET …/clauses/:clauseId/positions/history`: every change of position on the clause, oldest first. */
export function fetchPositionHistory(draftId: string, clauseId: string): Promise<PositionChangeDto[]> {
  return apiGet(`${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/positions/history`, ROOM_WORDING);
}

/** `POST …/clauses/:clauseId/status`: agreeing without consensus is a 409 unless `override` gives the reason. */
export function setClauseStatus(draftId: string, clauseId: string, status: ClauseStatus, override?: string): Promise<ClauseStatusDto> {
  const body: { status: ClauseStatus; override?: string } = { status };
  if (override?.trim()) body.override = override.trim();
  return apiSend('POST', `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/status`, body, ROOM_WORDING);
}

/**
 * `POST …/silence`: puts the clauses under silence until `deadline` (an instant; sent as ISO 8601 UTC).
 * A clause with open brackets or alternatives is a 409 unless `override` gives the reason (recorded).
 */
export function startSilence(draftId: string, clauseIds: string[], deadline: Date, note?: string, override?: string): Promise<SilenceProcedureDto> {
  const body: { clauseIds: string[]; deadline: string; note?: string; override?: string } = { clauseIds, deadline: deadline.toISOString() };
  if (note?.trim()) body.note = note.trim();
  if (override?.trim()) body.override = override.trim();
  return apiSend('POST', `${draftPath(draftId)}/silence`, body, ROOM_WORDING);
}

/** `POST …/silence/:silenceId/cancel`: the secretariat ends a running procedure early. */
export function cancelSilence(draftId: string, silenceId: string, reason: string): Promise<SilenceProcedureDto> {
  return apiSend('POST', `${draftPath(draftId)}/silence/${encodeURIComponent(silenceId)}/cancel`, { reason: reason.trim() }, ROOM_WORDING);
}
