import { afterEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => void;

/** A stand-in for a socket.io client socket: records what is emitted, lets the test fire events. */
class FakeSocket {
  connected = false;
  handlers = new Map<string, Set<Handler>>();
  emitted: Array<{ event: string; payload: unknown }> = [];
  disconnected = false;
  joinAnswer: unknown = null;
  on(event: string, handler: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }
  off(event: string, handler: Handler) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  emit(event: string, payload: unknown, ack?: (result: unknown) => void) {
    this.emitted.push({ event, payload });
    if (event === 'draft:join' && ack) ack(this.joinAnswer);
    return this;
  }
  disconnect() {
    this.disconnected = true;
    this.connected = false;
  }
  fire(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

const sockets: FakeSocket[] = [];
vi.mock('socket.io-client', () => ({
  io: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  },
}));

const { acquireDraftChannel } = await import('./draft-socket');

afterEach(() => {
  sockets.length = 0;
  vi.useRealTimers();
});

describe('the page’s shared connection to a draft', () => {
  it('opens one socket however many hooks take a share, joins on every connect and tells each subscriber', () => {
    vi.useFakeTimers();
    const a = acquireDraftChannel('d1');
    const b = acquireDraftChannel('d1');
    expect(sockets).toHaveLength(1);
    expect(a.channel).toBe(b.channel);

    const socket = sockets[0];
    socket.joinAnswer = { ok: true, data: { draftId: 'd1', users: [] } };
    const seenA = vi.fn();
    const seenB = vi.fn();
    a.channel.onJoin(seenA);
    b.channel.onJoin(seenB);
    socket.fire('connect');
    expect(socket.emitted).toEqual([{ event: 'draft:join', payload: { draftId: 'd1' } }]);
    expect(seenA).toHaveBeenCalledTimes(1);
    expect(seenB).toHaveBeenCalledTimes(1);
    expect(a.channel.lastJoin).toEqual(socket.joinAnswer);

    // A reconnect joins again; the last answer is forgotten while disconnected.
    socket.fire('disconnect');
    expect(a.channel.lastJoin).toBeNull();
    socket.fire('connect');
    expect(seenA).toHaveBeenCalledTimes(2);

    a.release();
    a.release(); // twice is harmless
    vi.runAllTimers();
    expect(socket.disconnected).toBe(false);
    b.release();
    vi.runAllTimers();
    expect(socket.disconnected).toBe(true);
    expect(socket.emitted.at(-1)).toEqual({ event: 'draft:leave', payload: { draftId: 'd1' } });
  });

  it('keeps the connection when a share is released and taken again at once (a remount)', () => {
    vi.useFakeTimers();
    const first = acquireDraftChannel('d2');
    first.release();
    const second = acquireDraftChannel('d2');
    vi.runAllTimers();
    expect(sockets).toHaveLength(1);
    expect(second.channel).toBe(first.channel);
    expect(sockets[0].disconnected).toBe(false);
    second.release();
    vi.runAllTimers();
    expect(sockets[0].disconnected).toBe(true);
    // A later share opens a fresh connection.
    acquireDraftChannel('d2').release();
    expect(sockets).toHaveLength(2);
  });

  it('gives each draft its own connection', () => {
    const x = acquireDraftChannel('d3');
    const y = acquireDraftChannel('d4');
    expect(sockets).toHaveLength(2);
    expect(x.channel).not.toBe(y.channel);
    x.release();
    y.release();
  });
});
