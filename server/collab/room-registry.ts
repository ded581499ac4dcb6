/**
 * The drafts loaded in this process. A room is created on first use, shared by all
 * its connections, and unloaded after it has had no connection for a while, so
 * memory is bounded by what people have open.
 */
import type { Logger } from 'pino';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { DraftRoom, type ChangeOrigin } from './draft-room';
import type { UpdateStore } from './update-store';

export interface RoomRegistryOptions {
  store: UpdateStore;
  logger: Logger;
  idleUnloadMs: number;
  loadClauses: (draftId: string) => Promise<Array<{ id: string; number: number; status: ClauseStatus }>>;
  onStored?: (draftId: string, origin: ChangeOrigin) => void;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, DraftRoom>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: RoomRegistryOptions) {}

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
        onStored: this.options.onStored,
        onBroken: (broken) => this.drop(broken),
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
    await this.flushAll();
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
  }
}
