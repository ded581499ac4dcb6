'use client';

import { useEffect, useState } from 'react';
import type { CommentCountDto } from '@/lib/api/comment-types';
import { acquireDraftChannel, type JoinResult } from '../draft-socket';
import { fetchCommentCounts } from './comments-api';

/**
 * Open and resolved comment threads per clause, as the server counts them for this
 * person (internal notes of other teams are not counted). Reloaded after every join and,
 * coalesced, after every comment event this person receives.
 */
export function useCommentCounts(draftId: string): ReadonlyMap<string, CommentCountDto> | null {
  const [counts, setCounts] = useState<ReadonlyMap<string, CommentCountDto> | null>(null);
  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      fetchCommentCounts(draftId)
        .then((list) => {
          if (!disposed) setCounts(new Map(list.map((c) => [c.clauseId, c])));
        })
        .catch(() => undefined);
    };
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        load();
      }, 300);
    };
    const { channel, release } = acquireDraftChannel(draftId);
    const onJoin = (result: JoinResult) => {
      if (result.ok) load();
    };
    const unsubscribe = channel.onJoin(onJoin);
    channel.socket.on('comment:created', soon);
    channel.socket.on('comment:resolved', soon);
    if (channel.lastJoin) onJoin(channel.lastJoin);
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      channel.socket.off('comment:created', soon);
      channel.socket.off('comment:resolved', soon);
      release();
    };
  }, [draftId]);
  return counts;
}
