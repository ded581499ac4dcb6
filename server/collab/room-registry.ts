/**
 * The drafts loaded in this process. A room is created on first use, shared by all
 * its connections, and unloaded after it has had no connection for a while, so
 * memory is bounded by what people have open.
 */
import type { Logger } from 'pino';
import { DraftRoom, type ChangeOrigin, type RoomClause } from './draft-room';
import type { Fanout } from './fanout';
import type { UpdateStore } from './update-store';

export interface RoomRegistryOptions {
  store: UpdateStore;
  logger: Logger;
  idleUnloadMs: number;
  loadClauses: (draftId: string) => Promise<RoomClause[]>;
  /** Whether a draft is closed (its rooms refuse every change of text). */
  isClosed?: (draftId: string) => Promise<boolean>;
  onStored?: (draftId: string, origin: ChangeOrigin) => void;
  fanout: Fanout;
  onRelayed?: (seconds: number) => void;
  /** How often loaded drafts re-read their recent log when several instances share them. */
  catchUpMs?: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, DraftRoom>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();

  private readonly catchUpTimer: NodeJS.Timeout | null = null;

  private readonly textListeners: Array<(draftId: string, clauseIds: string[]) => void> = [];

  constructor(private readonly options: RoomRegistryOptions) {
    if (options.fanout.kind !== 'local') {
      // Fan-out is at-most-once: recover what was missed from the log.
      const every = options.catchUpMs ?? 15_000;
      this.catchUpTimer = setInterval(() => void this.catchUpAll(Math.ceil((every * 4) / 1000)), every);
      this.catchUpTimer.unref();
      options.fanout.onReconnect(() => void this.catchUpAll(null));
    }
  }

  /** Re-read the log of every loaded draft: the last `seconds`, or all of it when null. */
  async catchUpAll(seconds: number | null): Promise<void> {
    for (const room of this.rooms.values()) await this.catchUpRoom(room, seconds);
  }

  /**
   * Before a decision that reads a draft's text (agreeing a clause, starting or ending
   * silence): apply what other instances stored in the last minute and this one has not
   * received yet (a fan-out message still in flight, or lost). A draft that is not loaded
   * is read whole from the log when it loads; on a single instance there is nothing to do.
   */
  async catchUp(draftId: string): Promise<void> {
    const room = this.rooms.get(draftId);
    if (!room || this.options.fanout.kind === 'local') return;
    await this.catchUpRoom(room, 60);
  }

  private async catchUpRoom(room: DraftRoom, seconds: number | null): Promise<void> {
    try {
      await room.ready;
      if (seconds === null) {
        // The ids are remembered too: the next periodic pass then does not read these again.
        const { updates, ids } = await this.options.store.loadWithIds(room.draftId);
        const offset = updates.length - ids.length; // a checkpoint's state comes first, without an id
        await room.catchUp(updates.map((update, i) => (i >= offset ? { id: ids[i - offset], update } : { update })));
      } else {
        // Ids first (the last minute, from a floor that keeps the scan short), then only the updates not seen.
        const floor = room.logFloor((seconds + 15) * 1000);
        const unseen = room.unseen(await this.options.store.recentIds(room.draftId, seconds, floor));
        if (unseen.length > 0) await room.catchUp(await this.options.store.loadByIds(room.draftId, unseen));
      }
    } catch (err) {
      this.options.logger.warn({ err, draftId: room.draftId }, 'catch-up from the log failed');
    }
  }

  /** Listen to changes of clause text in any loaded draft, whatever their origin (see DraftRoomOptions). */
  onClauseTextChanged(listener: (draftId: string, clauseIds: string[]) => void): void {
    this.textListeners.push(listener);
  }

  /** Clause statuses of a draft changed: lock or unlock text here and on other instances. */
  async clausesChanged(draftId: string): Promise<void> {
    const room = this.rooms.get(draftId);
    if (room) await room.refreshClauses();
    this.options.fanout.publish(draftId, { kind: 'clauses', payload: new Uint8Array() });
  }

  /** The loaded room of a draft, loading it on first use. */
  async acquire(draftId: string): Promise<DraftRoom> {
    this.cancelIdle(draftId);
    let room = this.rooms.get(draftId);
    if (!room) {
      room = new DraftRoom({
        draftId,
        store: this.options.store,
        logger: this.options.logger,
        loadClauses: this.options.loadClauses,
        isClosed: this.options.isClosed,
        onStored: this.options.onStored,
        onBroken: (broken) => this.drop(broken),
        fanout: this.options.fanout,
        onRelayed: this.options.onRelayed,
        onClauseTextChanged: (changedDraftId, clauseIds) => {
          for (const listener of this.textListeners) listener(changedDraftId, clauseIds);
        },
      });
      this.rooms.set(draftId, room);
      room.ready.catch((err: unknown) => {
        this.options.logger.error({ err, draftId }, 'could not load draft');
        this.drop(room!);
      });
    }
    await room.ready;
    return room;
  }

  /** A room if it is loaded right now (no loading). */
  peek(draftId: string): DraftRoom | undefined {
    return this.rooms.get(draftId);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Call when a room lost a connection: unload it after the idle period if nobody is left. */
  release(room: DraftRoom): void {
    if (room.conns.size > 0 || this.rooms.get(room.draftId) !== room) return;
    this.cancelIdle(room.draftId);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.draftId);
      if (room.conns.size === 0 && this.rooms.get(room.draftId) === room) void this.unload(room);
    }, this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.draftId, timer);
  }

  private cancelIdle(draftId: string): void {
    const timer = this.idleTimers.get(draftId);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(draftId);
    }
  }

  private async unload(room: DraftRoom): Promise<void> {
    this.rooms.delete(room.draftId);
    await room.flushed();
    room.destroy();
    this.options.logger.debug({ draftId: room.draftId }, 'unloaded idle draft');
  }

  private drop(room: DraftRoom): void {
    if (this.rooms.get(room.draftId) === room) this.rooms.delete(room.draftId);
    this.cancelIdle(room.draftId);
    room.destroy();
  }

  /** Wait until every loaded room has stored what it applied. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((r) => r.flushed()));
  }

  async closeAll(): Promise<void> {
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    await this.flushAll();
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
  }
}
