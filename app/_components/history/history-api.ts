/** The history endpoints as the browser calls them. */
import type { FourColumnDto } from '@/lib/history/four-column';
import type { ClauseCommentPayload } from '@/lib/realtime/events';
import type { AuthorshipDto, CompareDto, RestoreResultDto, RevisionDto, RevisionTextDto, TimelineKind, TimelinePage } from '@/lib/history/types';
import { apiGet, apiSend, type ApiWording } from '../api-client';

const WORDING: ApiWording = {
  byStatus: {
    403: 'Only the secretariat can do this.',
    404: 'This draft, revision or clause was not found, or it is not shared with you.',
  },
};

const base = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

export const listRevisions = (draftId: string) => apiGet<RevisionDto[]>(`${base(draftId)}/revisions`, WORDING);

export const cutRevision = (draftId: string, note: string) =>
  apiSend<RevisionDto>('POST', `${base(draftId)}/revisions`, note.trim() ? { note: note.trim() } : {}, WORDING);

export const revisionText = (draftId: string, number: number) => apiGet<RevisionTextDto>(`${base(draftId)}/revisions/${number}`, WORDING);

export interface TimelineFilters {
  clause?: string;
  delegation?: string;
  kind?: TimelineKind;
  from?: string;
  to?: string;
}

export function fetchTimeline(draftId: string, filters: TimelineFilters, cursor: string | null, limit = 30): Promise<TimelinePage> {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  return apiGet<TimelinePage>(`${base(draftId)}/history/timeline?${params}`, WORDING);
}

export const fetchCompare = (draftId: string, from: string, to: string) =>
  apiGet<CompareDto>(`${base(draftId)}/history/compare?${new URLSearchParams({ from, to })}`, WORDING);

export const fetchAuthorship = (draftId: string, at: string) =>
  apiGet<AuthorshipDto>(`${base(draftId)}/history/authorship?${new URLSearchParams({ at })}`, WORDING);

export const restoreText = (draftId: string, to: string, clauseId?: string) =>
  apiSend<RestoreResultDto>('POST', `${base(draftId)}/history/restore`, clauseId ? { to, clauseId } : { to }, WORDING);

/** Link to a comparison on the history page. */
export function compareHref(draftId: string, from: string, to = 'now', clauseId?: string): string {
  const params = new URLSearchParams({ view: 'compare', from, to });
  return `/drafts/${encodeURIComponent(draftId)}/history?${params}${clauseId ? `#clause-${clauseId}` : ''}`;
}

export const fetchFourColumn = (draftId: string, from: string, to: string) =>
  apiGet<FourColumnDto>(`${base(draftId)}/four-column?${new URLSearchParams({ from, to })}`, WORDING);

export const saveClauseComment = (draftId: string, clauseId: string, comment: string) =>
  apiSend<ClauseCommentPayload>('PUT', `${base(draftId)}/clauses/${encodeURIComponent(clauseId)}/comment`, { comment }, WORDING);
