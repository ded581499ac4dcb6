'use client';

import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, TERMINAL_CLOSE_CODES } from '@/lib/errors/close-codes';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The local document matches the server's right now. */
  synced: boolean;
  /** The text has arrived at least once: editing is safe from here on, also offline. */
  everSynced: boolean;
  /** The last close code the server sent (null when none, or once it no longer matters). */
  closeCode: number | null;
  /** The server closed for good (session ended, draft gone): no more reconnecting. */
  terminal: boolean;
}

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

const INITIAL: ConnectionState = { status: 'connecting', synced: false, everSynced: false, closeCode: null, terminal: false };

/** After this many failed attempts in a row, ask the server whether the session still holds. */
const SESSION_CHECK_AFTER_FAILURES = 3;
/** How long a non-terminal close reason stays on screen after the connection is back. */
const CLOSE_NOTICE_MS = 8000;

function yjsUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/yjs`;
}

/**
 * One Y.Doc and one WebsocketProvider for the draft, for the lifetime of the page.
 * Created in an effect and destroyed in its cleanup, so React StrictMode's double
 * mount does not leave a second connection open. The browser sends the session
 * cookie with the upgrade; the server decides what this person may do.
 */
export function useCollab(draftId: string): { collab: Collab | null; connection: ConnectionState } {
  const [collab, setCollab] = useState<Collab | null>(null);
  const [connection, setConnection] = useState<ConnectionState>(INITIAL);

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(yjsUrl(), draftId, doc, {
      // The server is the only source of truth: a BroadcastChannel between tabs would
      // pass on edits the server has refused.
      disableBc: true,
      maxBackoffTime: 10_000,
      shouldReconnect: (event) => !TERMINAL_CLOSE_CODES.has(event.code),
    });
    let disposed = false;
    let noticeTimer: ReturnType<typeof setTimeout> | undefined;
    let sessionCheck: Promise<void> | null = null;
    const update = (patch: Partial<ConnectionState>) => {
      if (!disposed) setConnection((prev) => ({ ...prev, ...patch }));
    };

    const stopForGood = (code: number) => {
      provider.shouldConnect = false;
      update({ status: 'disconnected', synced: false, closeCode: code, terminal: true });
      // Not from inside the provider's close handler: it is still tearing the socket down.
      setTimeout(() => provider.disconnect(), 0);
    };

    // A refused upgrade (e.g. an expired session) reaches the browser as a bare 1006,
    // not as 4401: after a few failures, ask the API whether we are still signed in.
    const checkSession = () => {
      if (sessionCheck) return;
      sessionCheck = fetch('/api/me', { credentials: 'same-origin', cache: 'no-store' })
        .then((res) => {
          if (!disposed && res.status === 401) stopForGood(CLOSE_CODES.unauthenticated);
        })
        .catch(() => undefined)
        .finally(() => {
          sessionCheck = null;
        });
    };

    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        clearTimeout(noticeTimer);
        noticeTimer = setTimeout(() => update({ closeCode: null }), CLOSE_NOTICE_MS);
      }
      update({ status });
    });
    provider.on('sync', (synced) => {
      update(synced ? { synced, everSynced: true } : { synced });
    });
    provider.on('connection-close', (event) => {
      if (!event) return; // closed locally (disconnect, watchdog): nothing to explain
      clearTimeout(noticeTimer);
      if (TERMINAL_CLOSE_CODES.has(event.code)) {
        stopForGood(event.code);
        return;
      }
      update({ status: 'disconnected', synced: false, closeCode: event.code >= 4000 || event.code === 1001 ? event.code : null });
      if (provider.wsUnsuccessfulReconnects + 1 >= SESSION_CHECK_AFTER_FAILURES) checkSession();
    });

    setCollab({ doc, provider });
    setConnection(INITIAL);
    return () => {
      disposed = true;
      clearTimeout(noticeTimer);
      provider.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [draftId]);

  return { collab, connection };
}
