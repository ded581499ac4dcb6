import type { CommentReplyDto, CommentThreadDto } from '@/lib/api/comment-types';
import type { DraftAccess } from '@/lib/authz/draft-access';

/** What every clause section needs from the room's comment state (stable between renders). */
export interface RoomComments {
  access: DraftAccess;
  /** Delegation codes of the draft (mentions of these are marked). */
  delegations: ReadonlySet<string>;
  mergeThread: (thread: CommentThreadDto) => void;
  mergeReply: (reply: CommentReplyDto) => void;
}
