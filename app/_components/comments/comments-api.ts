'use client';

import type { CommentCountDto, CommentReplyDto, CommentThreadDto, NotificationPage } from '@/lib/api/comment-types';
import type { EncodedAnchor } from '@/lib/comments/comment-anchor';
import type { CommentVisibility } from '@/lib/comments/comment-visibility';
import { apiGet, apiSend, type ApiWording } from '../api-client';

const wording: ApiWording = {
  byStatus: {
    403: 'You are not allowed to do this with comments.',
    404: 'This comment thread no longer exists or is not visible to you.',
    429: 'Too many changes in a short time. Wait a few seconds and try again.',
  },
  issue: (i) => (i.path === 'body' ? `The text ${i.message ?? 'is invalid'}.` : `${i.path ?? ''}: ${i.message ?? 'invalid'}`),
};

const base = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}/comments`;

export function fetchThreads(draftId: string): Promise<CommentThreadDto[]> {
  return apiGet(base(draftId), wording);
}

export function fetchCommentCounts(draftId: string): Promise<CommentCountDto[]> {
  return apiGet(`${base(draftId)}/counts`, wording);
}

export function createThread(
  draftId: string,
  input: { clauseId: string; anchor: EncodedAnchor; quote: string; body: string; visibility: CommentVisibility },
): Promise<CommentThreadDto> {
  return apiSend('POST', base(draftId), input, wording);
}

export function replyToThread(draftId: string, threadId: string, body: string): Promise<CommentReplyDto> {
  return apiSend('POST', `${base(draftId)}/${encodeURIComponent(threadId)}/replies`, { body }, wording);
}

export function setThreadState(draftId: string, threadId: string, state: 'open' | 'resolved'): Promise<CommentThreadDto> {
  return apiSend('POST', `${base(draftId)}/${encodeURIComponent(threadId)}/${state === 'resolved' ? 'resolve' : 'reopen'}`, undefined, wording);
}

export function fetchNotifications(before?: string): Promise<NotificationPage> {
  return apiGet(`/api/notifications?limit=20${before ? `&before=${encodeURIComponent(before)}` : ''}`);
}

export function markNotificationsRead(input: { ids: string[] } | { all: true }): Promise<{ unread: number }> {
  return apiSend('POST', '/api/notifications/read', input);
}
