'use client';

import { useCallback, useEffect, useState } from 'react';
import type { RevisionDto } from '@/lib/history/types';
import type { RevisionCreatedPayload } from '@/lib/realtime/events';
import { acquireDraftChannel } from '../draft-socket';
import { listRevisions } from './history-api';

/**
 * The revisions of a draft, newest first, kept live: loaded after each join of the
 * draft's socket.io room, and extended when the secretariat cuts a new one.
 */
export function useRevisions(draftId: string): { revisions: RevisionDto[] | null; error: string | null; add: (revision: RevisionDto) => void } {
  const [revisions, setRevisions] = useState<RevisionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback((revision: RevisionDto) => {
    setRevisions((prev) => [revision, ...(prev ?? []).filter((r) => r.number !== revision.number)].sort((a, b) => b.number - a.number));
  }, []);

  useEffect(() => {
    let disposed = false;
    const load = () =>
      listRevisions(draftId).then(
        (list) => {
          if (disposed) return;
          setRevisions(list);
          setError(null);
        },
        (err: unknown) => !disposed && setError(err instanceof Error ? err.message : 'The revisions could not be loaded.'),
      );
    const { channel, release } = acquireDraftChannel(draftId);
    const onCreated = (payload: RevisionCreatedPayload) => {
      if (!disposed && payload.draftId === draftId) add(payload.revision);
    };
    const unsubscribe = channel.onJoin((result) => {
      if (result.ok) void load();
    });
    channel.socket.on('revision:created', onCreated);
    void load();
    return () => {
      disposed = true;
      unsubscribe();
      channel.socket.off('revision:created', onCreated);
      release();
    };
  }, [draftId, add]);

  return { revisions, error, add };
}
