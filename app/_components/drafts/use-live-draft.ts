'use client';

import { useEffect, useMemo, useState } from 'react';
import type { ClauseSummary, DraftDetail } from '@/lib/api/types';
import type { DraftStructurePayload, DraftUpdatedPayload } from '@/lib/realtime/events';
import { apiGet } from '../api-client';
import { acquireDraftChannel } from '../draft-socket';

export interface LiveDraft {
  /** The draft as the room shows it: read-only (`access: 'read'`) while it is closed. */
  draft: DraftDetail;
  closed: boolean;
}

/**
 * The draft's own fields, kept current with `draft:updated` (title, description,
 * delegations, state), so that a room turns read-only the moment the secretariat closes
 * the draft, and editable again when it is reopened, without reloading; and its clause
 * list (order, numbers, titles) with `draft:structure`, so that a clause added, moved,
 * split, merged or withdrawn shows at once for everyone with the room open.
 */
export function useLiveDraft(initial: DraftDetail): LiveDraft {
  const [fields, setFields] = useState<Omit<DraftUpdatedPayload, 'draftId'>>(() => ({
    title: initial.title,
    description: initial.description,
    state: initial.state,
    delegations: initial.delegations,
  }));

  const [clauses, setClauses] = useState<ClauseSummary[]>(initial.clauses);

  useEffect(() => {
    const { channel, release } = acquireDraftChannel(initial.id);
    const onStructure = (payload: DraftStructurePayload) => {
      if (payload.draftId === initial.id) setClauses(payload.clauses);
    };
    channel.socket.on('draft:structure', onStructure);
    // Events sent while the socket was down are lost: read the draft again after a reconnection.
    const onReconnect = () => {
      apiGet<DraftDetail>(`/api/drafts/${encodeURIComponent(initial.id)}`)
        .then((d) => {
          setClauses(d.clauses);
          setFields({ title: d.title, description: d.description, state: d.state, delegations: d.delegations });
        })
        .catch(() => undefined);
    };
    channel.socket.io.on('reconnect', onReconnect);
    const onUpdated = (payload: DraftUpdatedPayload) => {
      if (payload.draftId !== initial.id) return;
      setFields({ title: payload.title, description: payload.description, state: payload.state, delegations: payload.delegations });
    };
    channel.socket.on('draft:updated', onUpdated);
    return () => {
      channel.socket.off('draft:updated', onUpdated);
      channel.socket.off('draft:structure', onStructure);
      channel.socket.io.off('reconnect', onReconnect);
      release();
    };
  }, [initial.id]);

  const closed = fields.state === 'closed';
  const draft = useMemo<DraftDetail>(() => ({ ...initial, ...fields, clauses, access: closed ? 'read' : initial.access }), [initial, fields, clauses, closed]);
  return { draft, closed };
}

/** The sentence an editor shows while the draft is closed. */
export const CLOSED_REASON = 'This draft is closed: its text was adopted and it is read-only for everyone. The secretariat can reopen it.';
