/**
 * A stock y-websocket `WebsocketProvider` for Node (no global WebSocket in Node 20):
 * the polyfill is `ws`'s WebSocket, subclassed to send the session cookie on the upgrade.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface ConnectProviderOptions {
  /** The y-websocket server URL, ws://host:port/yjs (the room, i.e. the draft id, is appended by the provider). */
  wsUrl: string;
  draftId: string;
  /** Cookie header value, e.g. from signIn() in ./session. */
  cookie?: string;
  /** A collab token from POST /api/collab-token, sent as ?token=. */
  token?: string;
  /** Defaults to a fresh Y.Doc (destroyed with the provider). */
  doc?: Y.Doc;
  /** Connect right away (default true). */
  connect?: boolean;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** When the server refused the upgrade itself (close code 1006): the HTTP status it answered with, e.g. 401. */
  httpStatus?: number;
}

export interface ConnectedProvider {
  provider: WebsocketProvider;
  doc: Y.Doc;
  /** Resolves once the first sync with the server completed; rejects on a terminal close (4400-4499) or after `timeoutMs`. */
  waitSynced(timeoutMs?: number): Promise<void>;
  /** Resolves with the next close of the connection (e.g. 4401, 4403, or 1006 with httpStatus for a refused upgrade), or rejects after `timeoutMs`. */
  waitClosed(timeoutMs?: number): Promise<CloseInfo>;
  /** Every close of the connection seen so far. */
  closes: CloseInfo[];
  destroy(): void;
}

function webSocketWithCookie(cookie: string | undefined): typeof WebSocket {
  class CookieWebSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { Cookie: cookie } } : {});
    }
  }
  return CookieWebSocket as unknown as typeof WebSocket;
}

/** Connects a stock WebsocketProvider to `${wsUrl}/${draftId}` as a browser (cookie) or a script (token) would. */
export function connectProvider(opts: ConnectProviderOptions): ConnectedProvider {
  const ownsDoc = !opts.doc;
  const doc = opts.doc ?? new Y.Doc();
  // Each provider adds a process 'exit' listener (removed by destroy()); tests that hold
  // more than ten at once would otherwise trip Node's MaxListenersExceededWarning.
  process.setMaxListeners(process.getMaxListeners() + 1);
  const provider = new WebsocketProvider(opts.wsUrl, opts.draftId, doc, {
    WebSocketPolyfill: webSocketWithCookie(opts.cookie),
    disableBc: true,
    params: opts.token ? { token: opts.token } : {},
    connect: opts.connect ?? true,
  });

  let destroyed = false;
  const closes: CloseInfo[] = [];
  const closeWaiters = new Set<(info: CloseInfo) => void>();
  let terminal: CloseInfo | null = null;
  let refusedWith: number | undefined;
  provider.on('connection-error', (event) => {
    // ws reports a refused upgrade as an error "Unexpected server response: 401", then closes with 1006.
    const message = String((event as { message?: unknown }).message ?? '');
    const match = /Unexpected server response: (\d{3})/.exec(message);
    if (match) refusedWith = Number(match[1]);
  });
  provider.on('connection-close', (event) => {
    if (!event) return;
    const info: CloseInfo = { code: event.code, reason: String(event.reason ?? '') };
    if (refusedWith !== undefined) info.httpStatus = refusedWith;
    refusedWith = undefined;
    closes.push(info);
    for (const waiter of closeWaiters) waiter(info);
  });
  provider.on('closed', (info) => {
    terminal = { code: info.code, reason: info.reason };
  });

  return {
    provider,
    doc,
    closes,
    waitSynced(timeoutMs = 10_000) {
      if (provider.synced) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          provider.off('sync', onSync);
          provider.off('closed', onClosed);
        };
        const onSync = (synced: boolean) => {
          if (!synced) return;
          cleanup();
          resolve();
        };
        const onClosed = (info: CloseInfo) => {
          cleanup();
          reject(new Error(`The server closed the Yjs connection with ${info.code} ${info.reason} before it synced`));
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = closes.map((c) => `${c.code}${c.httpStatus ? ` (HTTP ${c.httpStatus})` : ''} ${c.reason}`).join(', ') || 'none';
          reject(new Error(`Not synced with ${opts.wsUrl}/${opts.draftId} within ${timeoutMs} ms (closes seen: ${seen})`));
        }, timeoutMs);
        if (terminal) return onClosed(terminal);
        provider.on('sync', onSync);
        provider.on('closed', onClosed);
      });
    },
    waitClosed(timeoutMs = 10_000) {
      return new Promise<CloseInfo>((resolve, reject) => {
        const waiter = (info: CloseInfo) => {
          clearTimeout(timer);
          closeWaiters.delete(waiter);
          resolve(info);
        };
        const timer = setTimeout(() => {
          closeWaiters.delete(waiter);
          reject(new Error(`The Yjs connection to ${opts.wsUrl}/${opts.draftId} was not closed within ${timeoutMs} ms`));
        }, timeoutMs);
        closeWaiters.add(waiter);
      });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      if (ownsDoc) doc.destroy();
      process.setMaxListeners(Math.max(10, process.getMaxListeners() - 1));
    },
  };
}
