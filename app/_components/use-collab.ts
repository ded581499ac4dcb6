'use client';

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, TERMINAL_CLOSE_CODES } from '@/lib/errors/close-codes';
import { localCopyName, pendingKey, readPending, writePending } from './local-copies';

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
  /** This browser's own copy (IndexedDB) has loaded and holds text: editing is possible before the server answers. */
  localReady: boolean;
  /** Local changes made while not in sync with the server that the server has not confirmed yet (see `pendingKey`). */
  pending: number;
}

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

const INITIAL: ConnectionState = {
  status: 'connecting',
  synced: false,
  everSynced: false,
  closeCode: null,
  terminal: false,
  localReady: false,
  pending: 0,
};

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
 *
 * The document is also kept in IndexedDB (y-indexeddb), so a delegate who loses the
 * connection keeps editing, and a tab reopened while the collaboration socket is down
 * shows the text from the local copy; everything merges when the connection returns.
 */
export function useCollab(draftId: string, userId: string): { collab: Collab | null; connection: ConnectionState } {
  const [collab, setCollab] = useState<Collab | null>(null);
  const [connection, setConnection] = useState<ConnectionState>(INITIAL);

  useEffect(() => {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localCopyName(draftId, userId), doc);
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

    // ---- Changes waiting for the server ----
    // y-websocket has no acknowledgements, so "waiting" is approximated: every local
    // change (a Y.Doc update not from the provider or from the IndexedDB load) made
    // while the provider is not connected and synced counts as one change. The count
    // is kept in localStorage so that a tab reopened offline still shows it.
    //
    // When is it confirmed? Not by the provider's own 'sync' after a reconnect: the
    // server answers the client's sync step 1 (sent on open) at once, usually before
    // our offline edits (sent in our sync step 2, one round trip later) even arrive.
    // So once synced again we send one more sync step 1 (the "probe"). The server
    // handles a socket's messages in order and replies to a step 1 only after every
    // update it has applied so far is stored (DraftRoom.replyToSyncStep1 waits for
    // `durable`). Our step 2 and any update sent while reconnecting went out before
    // the probe, so the reply to the probe means they are stored. A refused change
    // closes the socket instead, and the count stays.
    const key = pendingKey(draftId, userId);
    let pending = readPending(key);
    let probe: number | null = null; // the count covered by the probe in flight
    const setPending = (n: number) => {
      pending = Math.max(0, n);
      writePending(key, pending);
      update({ pending });
    };

    const sendProbe = () => {
      const ws = provider.ws;
      if (probe !== null || pending === 0 || !ws || ws.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, doc);
      probe = pending;
      ws.send(encoding.toUint8Array(encoder));
    };
    const handleSync = provider.messageHandlers[messageSync];
    provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
      const syncType = decoding.peekVarUint(decoder);
      const wasSynced = p.synced;
      handleSync(encoder, decoder, p, emitSynced, messageType);
      // After the first step 2 of a connection, the only step 1 we sent is the probe.
      if (syncType === syncProtocol.messageYjsSyncStep2 && wasSynced && probe !== null) {
        const confirmed = probe;
        probe = null;
        setPending(pending - confirmed);
      }
    };

    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === persistence) return;
      if (provider.wsconnected && provider.synced) return; // sent straight to an in-sync server
      setPending(pending + 1);
    };
    doc.on('update', onDocUpdate);

    // The editor may open as soon as the local copy is there, if it holds any text: an
    // empty copy (first visit) must wait for the server, or typing would land before
    // the text it belongs to.
    persistence.on('synced', () => {
      if (doc.store.clients.size > 0) update({ localReady: true });
    });

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
      if (!synced) probe = null;
      update(synced ? { synced, everSynced: true } : { synced });
      if (synced) sendProbe();
    });
    provider.on('connection-close', (event) => {
      probe = null;
      if (!event) return; // closed locally (disconnect, watchdog): nothing to explain
      if (event.code === CLOSE_CODES.forbidden || event.code === CLOSE_CODES.merged) {
        // The server refused a change of ours (e.g. an offline edit in a clause locked
        // meanwhile); it refuses the whole sync step 2, and would again after every
        // reload while the local copy holds it. Drop the local copy so that a reload
        // starts again from the server's text.
        void persistence.clearData();
        setPending(0);
      }
      clearTimeout(noticeTimer);
      if (TERMINAL_CLOSE_CODES.has(event.code)) {
        stopForGood(event.code);
        return;
      }
      update({ status: 'disconnected', synced: false, closeCode: event.code >= 4000 || event.code === 1001 ? event.code : null });
      if (provider.wsUnsuccessfulReconnects + 1 >= SESSION_CHECK_AFTER_FAILURES) checkSession();
    });

    setCollab({ doc, provider });
    setConnection({ ...INITIAL, pending });
    return () => {
      disposed = true;
      clearTimeout(noticeTimer);
      doc.off('update', onDocUpdate);
      provider.destroy();
      // Not clearData(): the local copy is what a tab reopened offline shows.
      void persistence.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [draftId, userId]);

  return { collab, connection };
}
