/** Comment threads and notifications as the HTTP API and socket.io events carry them. */
import type { Role } from '../domain/vocabulary';
import type { NotificationKind } from '../notifications/kinds';
import type { EncodedAnchor } from '../comments/comment-anchor';
import type { CommentVisibility } from '../comments/comment-visibility';

export interface CommentAuthorDto {
  name: string;
  role: Role;
  /** The author's delegation; null for the secretariat. */
  delegation: string | null;
}

export interface CommentReplyDto {
  id: string;
  threadId: string;
  body: string;
  /** Delegations mentioned (`@FR`), validated against the draft's delegations. */
  mentions: string[];
  author: CommentAuthorDto;
  createdAt: string;
}

export interface CommentThreadDto {
  id: string;
  draftId: string;
  clauseId: string;
  anchor: EncodedAnchor;
  /** The words the thread was made on. */
  quote: string;
  body: string;
  mentions: string[];
  author: CommentAuthorDto;
  visibility: CommentVisibility;
  /** For internal notes: the team that sees it (`FR`, or `#secretariat`). */
  team: string;
  state: 'open' | 'resolved';
  resolvedAt?: string;
  resolvedBy?: string;
  createdAt: string;
  updatedAt: string;
  replies: CommentReplyDto[];
}

export interface CommentCountDto {
  clauseId: string;
  open: number;
  resolved: number;
}

export type { NotificationKind };

export interface NotificationDto {
  id: string;
  draftId: string;
  draftTitle: string;
  clauseId: string | null;
  clauseNumber: number | null;
  kind: NotificationKind;
  refId: string;
  text: string;
  actor: { name: string; delegation: string | null };
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  notifications: NotificationDto[];
  unread: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}
