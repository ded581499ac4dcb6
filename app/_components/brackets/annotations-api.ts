/**
 * Browser calls for brackets and alternative wordings. Each resolves with the server's
 * DTO or throws an `ApiError` (../api-client.ts) carrying the server's own message.
 */
import type { AdoptionDto, AlternativeDto, AnchorDto, BracketDto } from '@/lib/api/types';
import { apiGet, apiSend, type ApiWording } from '../api-client';

const WORDING: ApiWording = {
  byStatus: {
    403: 'You are not allowed to do this here.',
    404: 'It no longer exists, or this draft is not shared with you.',
    409: 'The text or the proposal changed meanwhile. Look again and retry.',
    429: 'Too many requests just now. Wait a moment and try again.',
  },
};

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

export function fetchBrackets(draftId: string): Promise<BracketDto[]> {
  return apiGet(`${draftPath(draftId)}/brackets`, WORDING);
}

export function fetchAlternatives(draftId: string): Promise<AlternativeDto[]> {
  return apiGet(`${draftPath(draftId)}/alternatives`, WORDING);
}

export function addBracket(draftId: string, clauseId: string, anchor: AnchorDto, quote: string): Promise<BracketDto> {
  return apiSend('POST', `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/brackets`, { span: { anchor }, quote }, WORDING);
}

export function removeBracket(draftId: string, bracketId: string): Promise<BracketDto> {
  return apiSend('POST', `${draftPath(draftId)}/brackets/${encodeURIComponent(bracketId)}/remove`, undefined, WORDING);
}

export interface ProposalInput {
  body: string;
  note?: string;
  /** The selected words (omit for the whole clause, or when competing with an existing alternative). */
  span?: { anchor: AnchorDto; quote: string };
  competesWith?: string;
}

export function proposeAlternative(draftId: string, clauseId: string, input: ProposalInput): Promise<AlternativeDto> {
  const body: Record<string, unknown> = { body: input.body };
  if (input.note?.trim()) body.note = input.note.trim();
  if (input.span) {
    body.span = { anchor: input.span.anchor };
    body.quote = input.span.quote;
  }
  if (input.competesWith) body.competesWith = input.competesWith;
  return apiSend('POST', `${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/alternatives`, body, WORDING);
}

export function setBacking(draftId: string, alternativeId: string, backed: boolean): Promise<AlternativeDto[]> {
  return apiSend('PUT', `${draftPath(draftId)}/alternatives/${encodeURIComponent(alternativeId)}/backing`, { backed }, WORDING);
}

export function withdrawAlternative(draftId: string, alternativeId: string): Promise<AlternativeDto> {
  return apiSend('POST', `${draftPath(draftId)}/alternatives/${encodeURIComponent(alternativeId)}/withdraw`, undefined, WORDING);
}

export function adoptAlternative(draftId: string, alternativeId: string, note?: string): Promise<AdoptionDto> {
  return apiSend('POST', `${draftPath(draftId)}/alternatives/${encodeURIComponent(alternativeId)}/adopt`, note?.trim() ? { note: note.trim() } : {}, WORDING);
}
