/**
 * One benchmark client: a stock y-websocket `WebsocketProvider` with its own Y.Doc,
 * over `ws` (Node 20 has no global WebSocket), sending the session cookie on the
 * upgrade like a browser. The socket subclass counts incoming messages by protocol
 * type (0 sync, 1 awareness) without touching what the provider receives.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';

export const LOCAL_ORIGIN = Symbol('bench-local');

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export interface ClientCounters {
  /** Count only while true (the measuring window). */
  counting: boolean;
  awarenessMessages: number;
  awarenessBytes: number;
  syncMessages: number;
}

function firstByteAndLength(data: unknown): [number, number] {
  if (data instanceof ArrayBuffer) return [data.byteLength > 0 ? new Uint8Array(data)[0] : -1, data.byteLength];
  if (Buffer.isBuffer(data)) return [data.length > 0 ? data[0] : -1, data.length];
  if (Array.isArray(data)) {
    const buf = Buffer.concat(data as Buffer[]);
    return [buf.length > 0 ? buf[0] : -1, buf.length];
  }
  return [-1, 0];
}

function countingWebSocket(cookie: string | undefined, counters: ClientCounters): typeof WebSocket {
  class BenchWebSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { Cookie: cookie } } : {});
      this.on('message', (data: unknown) => {
        if (!counters.counting) return;
        // Message types are varuints below 128: the first byte is the type.
        const [type, length] = firstByteAndLength(data);
        if (type === MESSAGE_AWARENESS) {
          counters.awarenessMessages += 1;
          counters.awarenessBytes += length;
        } else if (type === MESSAGE_SYNC) {
          counters.syncMessages += 1;
        }
      });
    }
  }
  return BenchWebSocket as unknown as typeof WebSocket;
}

export interface BenchClientOptions {
  index: number;
  wsUrl: string;
  room: string;
  cookie?: string;
  clauseId: string;
  onRemoteUpdate(client: BenchClient, update: Uint8Array): void;
}

export class BenchClient {
  readonly index: number;
  readonly wsUrl: string;
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly counters: ClientCounters = { counting: false, awarenessMessages: 0, awarenessBytes: 0, syncMessages: 0 };
  readonly closes: number[] = [];
  private readonly clauseId: string;
  private destroyed = false;

  constructor(opts: BenchClientOptions) {
    this.index = opts.index;
    this.wsUrl = opts.wsUrl;
    this.clauseId = opts.clauseId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOCAL_ORIGIN) opts.onRemoteUpdate(this, update);
    });
    this.provider = new WebsocketProvider(opts.wsUrl, opts.room, this.doc, {
      WebSocketPolyfill: countingWebSocket(opts.cookie, this.counters),
      disableBc: true,
      connect: false,
    });
    this.provider.awareness.setLocalStateField('user', { name: `Bench client ${opts.index}`, color: '#336699' });
    this.provider.on('connection-close', (event) => {
      if (!this.destroyed && event) this.closes.push(event.code);
    });
  }

  connect(): void {
    this.provider.connect();
  }

  /** Resolves once the first sync completed; rejects after `timeoutMs`. */
  waitSynced(timeoutMs: number): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        this.provider.off('sync', onSync);
        resolve();
      };
      const timer = setTimeout(() => {
        this.provider.off('sync', onSync);
        reject(new Error(`client ${this.index} not synced with ${this.wsUrl} within ${timeoutMs} ms (closes: ${this.closes.join(', ') || 'none'})`));
      }, timeoutMs);
      this.provider.on('sync', onSync);
    });
  }

  /** The clause's paragraph text, created when the clause is empty (the reference starts empty). */
  paragraphText(clauseId = this.clauseId, create = false): Y.XmlText | null {
    const fragment = this.doc.getXmlFragment(clauseField(clauseId));
    const paragraph = fragment.get(0);
    if (paragraph instanceof Y.XmlElement) {
      const text = paragraph.get(0);
      if (text instanceof Y.XmlText) return text;
    }
    if (!create) return null;
    const created = new Y.XmlText(`Clause ${clauseId} of the benchmark draft.`);
    const element = new Y.XmlElement('paragraph');
    element.insert(0, [created]);
    this.doc.transact(() => fragment.insert(0, [element]), LOCAL_ORIGIN);
    return created;
  }

  /** Appends `text` to the clause, as one local transaction (sent at once by the provider). */
  type(text: string): boolean {
    const target = this.paragraphText();
    if (!target) return false;
    this.doc.transact(() => target.insert(target.length, text), LOCAL_ORIGIN);
    return true;
  }

  /** Moves the caret to a random place of the clause, as Tiptap's collaboration caret does (relative positions). */
  moveCaret(): void {
    const target = this.paragraphText();
    if (!target) return;
    const index = Math.floor(Math.random() * (target.length + 1));
    const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(target, index));
    this.provider.awareness.setLocalStateField('cursor', { anchor: position, head: position });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.destroy();
    this.doc.destroy();
  }
}
