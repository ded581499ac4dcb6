/**
 * One loaded draft: its Y.Doc, awareness and connections. The room enforces the
 * write rules on every incoming update, stores each accepted update before relaying
 * it, and never lets a reply reveal content that is not yet durable.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { canEditClauseText, type DraftAccess } from '@/lib/authz/draft-access';
import { clauseIdOfField } from '@/lib/collab/clause-field';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { guardAwarenessUpdate } from './awareness-guard';
import type { Fanout, FanoutMessage } from './fanout';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type IncomingMessage } from './protocol';
import { rootOfType, touchedRoots } from './touched-roots';
import type { UpdateStore } from './update-store';

/** A live connection as the room sees it (the websocket stays in the endpoint). */
export interface RoomConnection {
  readonly id: number;
  readonly identity: Identity;
  readonly access: Exclude<DraftAccess, 'none'>;
  /** What the server shows of this person in awareness (name, colour, delegation). */
  readonly awarenessUser: Record<string, unknown>;
  ownClientId: number | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** A clause as the room checks writes against it: merged-away clauses are kept so that edits to them are refused as such. */
export interface RoomClause {
  id: string;
  number: number | null;
  status: ClauseStatus;
  /** The clause it was merged into, when it was merged away. */
  mergedInto?: string | null;
}

/** Who caused a document change: a connection, or the server acting for someone. */
export interface ChangeOrigin {
  conn: RoomConnection | null;
  userId: string | null;
  delegation: string | null;
  clauseIds: string[];
}

const LOAD_ORIGIN = Symbol('load');
/** Changes that another instance already stored: relay locally, never store or publish again. */
const REMOTE_ORIGIN = Symbol('remote');

/** Logged updates merged and applied at a time when catching up from the log. */
const CATCH_UP_CHUNK = 200;
/** How long a generation of RecentIds lasts (longer than the catch-up's window of a minute). */
const RECENT_MS = 120_000;

/** Awareness changes are coalesced for this long, so N carets do not cost N² messages each. */
const AWARENESS_FLUSH_MS = 30;

export interface DraftRoomOptions {
  draftId: string;
  store: UpdateStore;
  logger: Logger;
  loadClauses: (draftId: string) => Promise<RoomClause[]>;
  /** Whether the draft is closed (read-only for everyone): read with the clauses, at load and on every refresh. */
  isClosed?: (draftId: string) => Promise<boolean>;
  /** Called after an update was stored (e.g. to touch the draft's updatedAt). */
  onStored?: (draftId: string, origin: ChangeOrigin) => void;
  /** Called when the room cannot continue (storage failed) and must be dropped. */
  onBroken: (room: DraftRoom) => void;
  fanout: Fanout;
  /** Observes the time from an accepted update to its relay (storing included), in seconds. */
  onRelayed?: (seconds: number) => void;
  /**
   * Called after any change of clause text in this document, whatever its origin: a local
   * edit, a server change, an update of another instance received through the fan-out or
   * read back from the log. Caches of clause text (ClauseStates) forget those clauses.
   */
  onClauseTextChanged?: (draftId: string, clauseIds: string[]) => void;
}

/**
 * Log ids of the updates a room stored or received over the last 2–4 minutes (the
 * catch-up looks at the last minute every 15 s), in two generations swapped every
 * RECENT_MS, so memory follows the edit rate; and a floor below which the log holds
 * nothing recent. Inert on a single instance.
 */
class RecentIds {
  private current = new Set<number>();
  private previous = new Set<number>();
  private since = Date.now();
  private maxSeen = 0;
  /** The largest id seen, noted at each catch-up. */
  private marks: Array<{ at: number; maxId: number }> = [];

  constructor(readonly enabled: boolean) {}

  remember(id: number): void {
    if (!this.enabled) return;
    if (Date.now() - this.since > RECENT_MS) {
      this.previous = this.current;
      this.current = new Set();
      this.since = Date.now();
    }
    this.current.add(id);
    if (id > this.maxSeen) this.maxSeen = id;
  }

  has(id: number): boolean {
    return this.current.has(id) || this.previous.has(id);
  }

  /**
   * An id at or below which every row was given its id more than `ms` ago (0 when there
   * is none yet): the largest id seen at a catch-up at least that long ago. A row is given
   * its id after its created_at, so none of them falls in a window of less than `ms`.
   */
  floor(ms: number): number {
    const now = Date.now();
    this.marks.push({ at: now, maxId: this.maxSeen });
    while (this.marks.length > 1 && this.marks[1].at <= now - ms) this.marks.shift();
    return this.marks[0].at <= now - ms ? this.marks[0].maxId : 0;
  }
}

export class DraftRoom {
  readonly draftId: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns = new Set<RoomConnection>();
  private clauses = new Map<string, RoomClause>();
  /** A closed draft refuses every change of text, from anybody (see refreshClauses). */
  private closed = false;
  /** Settles when everything applied so far is stored. */
  private durable: Promise<void> = Promise.resolve();
  private broken = false;
  private destroyed = false;
  private readonly awarenessPending = { local: new Set<number>(), remote: new Set<number>() };
  private awarenessTimer: NodeJS.Timeout | null = null;
  readonly ready: Promise<void>;
  /** Log ids of updates stored or received lately (several instances only: see catchUp). */
  private readonly seen: RecentIds;

  constructor(private readonly options: DraftRoomOptions) {
    this.draftId = options.draftId;
    this.seen = new RecentIds(options.fanout.kind !== 'local');
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.doc.on('afterTransaction', this.onAfterTransaction);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    // Subscribe before reading the log, so that nothing published in between is missed.
    await this.options.fanout.subscribe(this.draftId, this.onFanout);
    const [{ updates, ids }, clauses, closed] = await Promise.all([
      this.options.store.loadWithIds(this.draftId),
      this.options.loadClauses(this.draftId),
      this.options.isClosed?.(this.draftId) ?? false,
    ]);
    this.closed = closed;
    for (const id of ids) this.seen.remember(id);
    this.setClauses(clauses);
    const started = performance.now();
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
      },
      LOAD_ORIGIN,
    );
    this.options.logger.info({ draftId: this.draftId, applied: updates.length, ms: Math.round(performance.now() - started) }, 'draft loaded');
  }

  private readonly onFanout = (message: FanoutMessage): void => {
    if (this.destroyed || this.broken) return;
    switch (message.kind) {
      case 'update':
        if (message.logId !== undefined) this.seen.remember(message.logId);
        Y.applyUpdate(this.doc, message.payload, REMOTE_ORIGIN);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.payload, REMOTE_ORIGIN);
        return;
      case 'clauses':
        void this.refreshClauses();
        return;
    }
  };

  /** Re-read clause statuses and the draft's state (after a change here or on another instance). */
  async refreshClauses(): Promise<void> {
    const [clauses, closed] = await Promise.all([this.options.loadClauses(this.draftId), this.options.isClosed?.(this.draftId) ?? false]);
    this.closed = closed;
    this.setClauses(clauses);
  }

  /** Of these log ids, those this room has neither stored nor received lately. */
  unseen(ids: number[]): number[] {
    return this.seen.enabled ? ids.filter((id) => !this.seen.has(id)) : ids;
  }

  /** A log id below which nothing was stored in the last `ms` (see RecentIds.floor). */
  logFloor(ms: number): number {
    return this.seen.floor(ms);
  }

  /**
   * Apply stored updates this instance may have missed (fan-out is at-most-once): the
   * caller reads only the ids it has not seen (see unseen), then those updates. They are
   * merged a chunk at a time, diffed against the document's state vector and applied,
   * so what is new is relayed to local clients; other work gets a turn between chunks.
   */
  async catchUp(entries: Array<{ id?: number; update: Uint8Array }>): Promise<void> {
    for (let start = 0; start < entries.length; start += CATCH_UP_CHUNK) {
      if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.destroyed || this.broken) return;
      const chunk = entries.slice(start, start + CATCH_UP_CHUNK);
      const missing = Y.diffUpdate(Y.mergeUpdates(chunk.map((e) => e.update)), Y.encodeStateVector(this.doc));
      Y.applyUpdate(this.doc, missing, REMOTE_ORIGIN);
      for (const e of chunk) if (e.id !== undefined) this.seen.remember(e.id);
    }
  }

  /** Replace the clause list (ids, numbers and statuses) used for write checks. */
  setClauses(clauses: RoomClause[]): void {
    this.clauses = new Map(clauses.map((c) => [c.id, c]));
  }

  get isBroken(): boolean {
    return this.broken;
  }

  /** Start the protocol with a newly connected client. */
  join(conn: RoomConnection): void {
    this.conns.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, Array.from(states.keys()))));
    }
  }

  leave(conn: RoomConnection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.ownClientId !== null) {
      const stillOwned = [...this.conns].some((c) => c.ownClientId === conn.ownClientId);
      if (!stillOwned) awarenessProtocol.removeAwarenessStates(this.awareness, [conn.ownClientId], 'disconnect');
    }
  }

  /**
   * Handle one decoded message. Throws AppError('forbidden' | 'bad_request') when the
   * message must be refused; the document is untouched in that case.
   */
  receive(conn: RoomConnection, message: IncomingMessage): void {
    if (this.broken) return;
    switch (message.kind) {
      case 'sync-step1':
        this.replyToSyncStep1(conn, message.stateVector);
        return;
      case 'update':
        this.receiveUpdate(conn, message.update);
        return;
      case 'awareness':
        this.receiveAwareness(conn, message.update);
        return;
      case 'query-awareness': {
        const ids = Array.from(this.awareness.getStates().keys());
        if (ids.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
    }
  }

  private replyToSyncStep1(conn: RoomConnection, stateVector: Uint8Array): void {
    let update: Uint8Array;
    try {
      Y.decodeStateVector(stateVector);
      update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      throw new AppError('bad_request', { message: 'The state vector could not be decoded.' });
    }
    const message = encodeSyncStep2(update);
    // The reply may contain updates that are applied but not yet stored: wait for them.
    this.durable.then(
      () => conn.send(message),
      () => undefined,
    );
  }

  private receiveUpdate(conn: RoomConnection, update: Uint8Array): void {
    let touched: ReturnType<typeof touchedRoots>;
    try {
      touched = touchedRoots(this.doc, update);
    } catch {
      throw new AppError('bad_request', { message: 'The document update could not be decoded.' });
    }
    if (touched.malformed) {
      throw new AppError('bad_request', { message: 'The document update is malformed (Yjs could not integrate it); it was discarded.' });
    }
    if (!touched.novel) return;
    if (this.closed) {
      throw new AppError('forbidden', { message: 'This draft is closed and read-only; the change was discarded.' });
    }
    if (conn.access !== 'write') {
      throw new AppError('forbidden', { message: 'Observers cannot change the text; the change was discarded.' });
    }
    const clauseIds: string[] = [];
    for (const root of touched.roots) {
      const clauseId = clauseIdOfField(root);
      const clause = clauseId ? this.clauses.get(clauseId) : undefined;
      if (!clauseId || !clause) {
        throw new AppError('bad_request', { message: `The update changes "${root}", which is not a clause of this draft.` });
      }
      if (clause.mergedInto) {
        const into = this.clauses.get(clause.mergedInto);
        throw new AppError('conflict', {
          message: `This clause was merged into clause ${into?.number ?? 'another'}; the change was not saved. Edit the merged clause.`,
        });
      }
      if (!canEditClauseText(conn.identity, conn.access, clause.status)) {
        throw new AppError('forbidden', { message: `Clause ${clause.number} is locked (${clause.status}); the change was discarded.` });
      }
      clauseIds.push(clauseId);
    }
    if (touched.unresolved) {
      // Honest clients never send one: the sync protocol gives the server everything their
      // edits build on first. Applied, its pending part would land whenever (and wherever)
      // someone else's edit fills the gap, relayed to nobody: the documents would diverge.
      throw new AppError('bad_request', {
        message: "The update depends on content the server does not have (a gap in a client's edits or unknown text); reconnect to resynchronise.",
      });
    }
    const origin: ChangeOrigin = {
      conn,
      userId: conn.identity.userId,
      delegation: conn.identity.delegation,
      clauseIds,
    };
    const store = this.doc.store;
    const hadPending = store.pendingStructs !== null || store.pendingDs !== null;
    try {
      Y.applyUpdate(this.doc, update, origin);
      if (!hadPending && (store.pendingStructs !== null || store.pendingDs !== null)) {
        // touchedRoots refuses what Yjs would keep pending; should a case slip through, the
        // part that did not integrate is dropped here, never kept to integrate later
        // elsewhere (nobody saw it: only what integrated was stored and relayed).
        this.options.logger.warn({ draftId: this.draftId }, 'an accepted update left content pending; it was dropped');
        store.pendingStructs = null;
        store.pendingDs = null;
      }
    } catch (err) {
      // touchedRoots decoded the whole update, so this is not expected; the room can no longer be trusted.
      this.options.logger.error({ err, draftId: this.draftId }, 'applying a decoded update failed');
      this.fail(err);
    }
  }

  /**
   * Apply a change made by the server on someone's behalf (seeding a new clause,
   * restoring text). It is stored and relayed like any other update.
   */
  applyServerUpdate(update: Uint8Array, origin: Omit<ChangeOrigin, 'conn'>): void {
    Y.applyUpdate(this.doc, update, { ...origin, conn: null } satisfies ChangeOrigin);
  }

  /** Which clauses a transaction changed, reported for every origin but the initial load. */
  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === LOAD_ORIGIN || !this.options.onClauseTextChanged || transaction.changed.size === 0) return;
    const clauseIds = new Set<string>();
    for (const type of transaction.changed.keys()) {
      const root = rootOfType(type as Y.AbstractType<unknown>);
      const clauseId = root ? clauseIdOfField(root) : null;
      if (clauseId) clauseIds.add(clauseId);
    }
    if (clauseIds.size > 0) this.options.onClauseTextChanged(this.draftId, [...clauseIds]);
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    if (origin === REMOTE_ORIGIN) {
      const message = encodeUpdate(update);
      for (const c of this.conns) c.send(message);
      return;
    }
    const change = origin as ChangeOrigin | null;
    const stored = this.options.store.append({
      draftId: this.draftId,
      update,
      userId: change?.userId ?? null,
      delegationCode: change?.delegation ?? null,
      clauseIds: change?.clauseIds ?? [],
    });
    const durable = stored.then(() => undefined);
    durable.catch(() => undefined); // a failure is handled below (fail); readers of durable see it too
    this.durable = durable;
    const message = encodeUpdate(update);
    const started = performance.now();
    stored.then(
      (logId) => {
        this.seen.remember(logId);
        this.options.onRelayed?.((performance.now() - started) / 1000);
        for (const c of this.conns) if (c !== change?.conn) c.send(message);
        this.options.fanout.publish(this.draftId, { kind: 'update', payload: update, logId });
        if (change) this.options.onStored?.(this.draftId, change);
      },
      (err: unknown) => this.fail(err),
    );
  };

  private receiveAwareness(conn: RoomConnection, update: Uint8Array): void {
    let guarded: Uint8Array | null;
    try {
      guarded = guardAwarenessUpdate(update, conn, conn.awarenessUser, (clientId) =>
        [...this.conns].some((c) => c !== conn && c.ownClientId === clientId && c.identity.userId !== conn.identity.userId),
      );
    } catch {
      throw new AppError('bad_request', { message: 'The awareness message could not be decoded.' });
    }
    if (guarded) awarenessProtocol.applyAwarenessUpdate(this.awareness, guarded, conn);
  }

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const pending = origin === REMOTE_ORIGIN ? this.awarenessPending.remote : this.awarenessPending.local;
    for (const id of changed) pending.add(id);
    this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_FLUSH_MS);
  };

  /** One awareness message per flush for every change since the last one, to local clients and other instances. */
  private readonly flushAwareness = (): void => {
    this.awarenessTimer = null;
    if (this.destroyed) return;
    const { local, remote } = this.awarenessPending;
    const all = [...new Set([...local, ...remote])];
    if (all.length > 0) {
      const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, all));
      for (const c of this.conns) c.send(message);
    }
    if (local.size > 0) {
      this.options.fanout.publish(this.draftId, { kind: 'awareness', payload: awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...local]) });
    }
    local.clear();
    remote.clear();
  };

  /** Storage failed: drop every connection so that clients resend their state to a fresh room. */
  private fail(err: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.options.logger.error({ err, draftId: this.draftId }, 'could not store an update; closing the room so that clients resync');
    for (const c of this.conns) c.close(1011, 'The server could not save a change. Reconnecting.');
    this.options.onBroken(this);
  }

  /** Wait until everything applied so far is stored. */
  async flushed(): Promise<void> {
    await this.durable.catch(() => undefined);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    void this.options.fanout.unsubscribe(this.draftId, this.onFanout);
    this.doc.off('update', this.onDocUpdate);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
