/**
 * Browser calls that change a draft's clause structure (secretariat): add, rename, move,
 * split and merge. Withdrawing and reinstating go through the status control. Each
 * resolves with the server's answer or throws an `ApiError` with the server's message;
 * everyone with the room open then hears `draft:structure`.
 */
import type { ClauseSummary, DraftDetail } from '@/lib/api/types';
import { apiSend, type ApiWording } from '../api-client';

const WORDING: ApiWording = {
  byStatus: {
    403: 'Only the secretariat changes the clauses of a draft.',
    404: 'That clause is no longer in the draft: the list may have changed meanwhile.',
    429: 'Too many requests just now. Wait a moment and try again.',
  },
};

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;
const clausePath = (draftId: string, clauseId: string) => `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}`;

/** `POST …/clauses`: a new clause after `afterClauseId` (null: at the start), with optional text (one paragraph a line). */
export function addClause(draftId: string, input: { title: string; afterClauseId: string | null; text?: string }): Promise<ClauseSummary> {
  const body = { title: input.title.trim(), afterClauseId: input.afterClauseId, ...(input.text?.trim() ? { text: input.text.trim() } : {}) };
  return apiSend('POST', `${draftPath(draftId)}/clauses`, body, WORDING);
}

/** `PATCH …/clauses/:clauseId`: a new title. */
export function renameClause(draftId: string, clauseId: string, title: string): Promise<ClauseSummary> {
  return apiSend('PATCH', clausePath(draftId, clauseId), { title: title.trim() }, WORDING);
}

/** `PUT …/clause-order`: every clause id of the draft, in the new order. */
export function reorderClauses(draftId: string, clauseIds: string[]): Promise<DraftDetail> {
  return apiSend('PUT', `${draftPath(draftId)}/clause-order`, { clauseIds }, WORDING);
}

/** `POST …/split`: the paragraphs from `paragraph` (0-based, ≥ 1) on become a new clause right after. */
export function splitClause(draftId: string, clauseId: string, paragraph: number, title?: string): Promise<{ first: ClauseSummary; second: ClauseSummary }> {
  return apiSend('POST', `${clausePath(draftId, clauseId)}/split`, { paragraph, ...(title?.trim() ? { title: title.trim() } : {}) }, WORDING);
}

/** `POST …/merge`: the clause's text is appended to the clause before it, and it leaves the draft. */
export function mergeClause(draftId: string, clauseId: string): Promise<unknown> {
  return apiSend('POST', `${clausePath(draftId, clauseId)}/merge`, undefined, WORDING);
}
