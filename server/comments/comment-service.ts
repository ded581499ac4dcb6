/**
 * Comment threads anchored to clause text: server-authoritative rows, validated,
 * authorised and audited here, then pushed live. Internal notes (`delegation`
 * visibility) are read through `visibleCommentFilter` and emitted only to their team's
 * room: nobody outside the team receives them, over HTTP or socket.io.
 *
 * This is the facade the composition root builds; each use case lives in its own file
 * (list-comments.ts, create-thread.ts, reply-thread.ts, thread-state.ts) over a shared
 * context (comment-context.ts).
 */
import { createCommentContext, type CommentServiceOptions } from './comment-context';
import { createThreadUseCase } from './create-thread';
import { createCommentQueries } from './list-comments';
import { createReplyUseCase } from './reply-thread';
import { createThreadStateUseCase } from './thread-state';

export type { CommentPublisher, CommentServiceOptions, CreateThreadInput } from './comment-context';

export function createCommentService(options: CommentServiceOptions) {
  const ctx = createCommentContext(options);
  return {
    ...createCommentQueries(ctx),
    ...createThreadUseCase(ctx),
    ...createReplyUseCase(ctx),
    ...createThreadStateUseCase(ctx),
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
