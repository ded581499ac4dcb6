'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommentReplyDto, CommentThreadDto } from '@/lib/api/comment-types';
import type { CommentReplyPayload, CommentThreadPayload } from '@/lib/realtime/events';
import { acquireDraftChannel, type JoinResult } from '../draft-socket';
import { fetchThreads } from './comments-api';

export interface CommentsState {
  /** Every thread the server lets this person see, by clause, oldest first. */
  byClause: ReadonlyMap<string, readonly CommentThreadDto[]>;
  /** Open threads per clause (what the outline and the dashboard count). */
  openCounts: ReadonlyMap<string, number>;
  loaded: boolean;
  error: string | null;
  /** Merge a thread at once (the answer of a create / resolve), before its event comes back. */
  mergeThread: (thread: CommentThreadDto) => void;
  mergeReply: (reply: CommentReplyDto, updatedAt?: string) => void;
}

const EMPTY: readonly CommentThreadDto[] = [];

function withReply(thread: CommentThreadDto, reply: CommentReplyDto, updatedAt?: string): CommentThreadDto {
  if (thread.replies.some((r) => r.id === reply.id)) return thread;
  return { ...thread, replies: [...thread.replies, reply], updatedAt: updatedAt ?? reply.createdAt };
}

/**
 * The comment threads of a draft, kept live over the page's shared socket.io connection
 * (draft-socket.ts). Loaded after every (re)join, so nothing missed while disconnected is
 * lost; events that arrive meanwhile are applied on top. The server sends each person
 * only what they may see: internal notes of other teams never reach this hook.
 */
export function useComments(draftId: string): CommentsState {
  const [threads, setThreads] = useState<ReadonlyMap<string, CommentThreadDto>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const mergeThread = useCallback((thread: CommentThreadDto) => {
    setThreads((prev) => {
      const next = new Map(prev);
      const known = prev.get(thread.id);
      // A reply may have arrived before the thread's state change: keep the longer list.
      next.set(thread.id, known && known.replies.length > thread.replies.length ? { ...thread, replies: known.replies } : thread);
      return next;
    });
  }, []);

  const mergeReply = useCallback((reply: CommentReplyDto, updatedAt?: string) => {
    setThreads((prev) => {
      const thread = prev.get(reply.threadId);
      if (!thread) return prev;
      const next = new Map(prev);
      next.set(thread.id, withReply(thread, reply, updatedAt));
      return next;
    });
  }, []);

  useEffect(() => {
    let disposed = false;
    let seq = 0;
    let queue: Array<() => void> | null = null;
    const run = (apply: () => void) => {
      if (queue) queue.push(apply);
      else apply();
    };
    const load = async () => {
      const mine = ++seq;
      queue = [];
      try {
        const list = await fetchThreads(draftId);
        if (disposed || mine !== seq) return;
        setThreads(new Map(list.map((t) => [t.id, t])));
        setLoaded(true);
        setError(null);
      } catch (err) {
        if (disposed || mine !== seq) return;
        setError(err instanceof Error ? err.message : 'Comments could not be loaded.');
      } finally {
        if (!disposed && mine === seq) {
          const pending = queue ?? [];
          queue = null;
          pending.forEach((apply) => apply());
        }
      }
    };

    const { channel, release } = acquireDraftChannel(draftId);
    const { socket } = channel;
    const onJoin = (result: JoinResult) => {
      if (!disposed && result.ok) void load();
    };
    const onThread = (payload: CommentThreadPayload) => {
      if (!disposed && payload.draftId === draftId) run(() => mergeThread(payload.thread));
    };
    const onReply = (payload: CommentReplyPayload) => {
      if (!disposed && payload.draftId === draftId) run(() => mergeReply(payload.reply, payload.updatedAt));
    };
    const unsubscribe = channel.onJoin(onJoin);
    socket.on('comment:created', onThread);
    socket.on('comment:resolved', onThread);
    socket.on('comment:reply', onReply);
    if (channel.lastJoin) onJoin(channel.lastJoin);
    return () => {
      disposed = true;
      unsubscribe();
      socket.off('comment:created', onThread);
      socket.off('comment:resolved', onThread);
      socket.off('comment:reply', onReply);
      release();
    };
  }, [draftId, mergeThread, mergeReply]);

  // Each clause keeps its array while its threads do not change, so memoised sections skip renders.
  const byClause = useMemo(() => {
    const map = new Map<string, CommentThreadDto[]>();
    for (const t of threads.values()) {
      const list = map.get(t.clauseId);
      if (list) list.push(t);
      else map.set(t.clauseId, [t]);
    }
    for (const list of map.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return map;
  }, [threads]);
  const openCounts = useMemo(() => {
    const map = new Map<string, number>();
    for (const [clauseId, list] of byClause) map.set(clauseId, list.filter((t) => t.state === 'open').length);
    return map;
  }, [byClause]);

  return { byClause, openCounts, loaded, error, mergeThread, mergeReply };
}

export function threadsOf(state: CommentsState, clauseId: string): readonly CommentThreadDto[] {
  return state.byClause.get(clauseId) ?? EMPTY;
}
