import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { DraftRoom, type RoomConnection } from './draft-room';
import { createLocalFanout, type Fanout, type FanoutMessage } from './fanout';
import { decodeMessage } from './protocol';
import type { UpdateStore } from './update-store';

let nextLogId = 1000;
const store: UpdateStore = {
  append: async () => (nextLogId += 1),
  load: async () => [],
  loadWithIds: async () => ({ updates: [], ids: [] }),
  recentIds: async () => [],
  loadByIds: async () => [],
  flush: async () => undefined,
};

/**
 * A room with one connected client whose copy of the document is built from what the room
 * sends it. `shared`: the room is one of several instances (it keeps the log ids of what it
 * saw, and `deliver` hands it an update as the fan-out would).
 */
async function roomWithClient(shared: boolean, updateStore: UpdateStore = store, onClauseTextChanged?: (draftId: string, clauseIds: string[]) => void) {
  let onFanout: ((message: FanoutMessage) => void) | undefined;
  const fanout: Fanout = shared
    ? { ...createLocalFanout(), kind: 'redis', subscribe: async (_draftId, handler) => void (onFanout = handler) }
    : createLocalFanout();
  const room = new DraftRoom({
    draftId: 'draft',
    store: updateStore,
    logger: pino({ level: 'silent' }),
    loadClauses: async () => [],
    onBroken: () => undefined,
    fanout,
    onClauseTextChanged,
  });
  await room.ready;
  const client = new Y.Doc();
  const relayed: Uint8Array[] = [];
  const closed: number[] = [];
  const conn = {
    id: 1,
    ownClientId: null,
    send: (message: Uint8Array) => {
      const decoded = decodeMessage(message);
      if (decoded.kind !== 'update') return;
      relayed.push(decoded.update);
      Y.applyUpdate(client, decoded.update);
    },
    close: (code: number) => void closed.push(code),
  } as unknown as RoomConnection;
  room.join(conn);
  const deliver = (update: Uint8Array, logId?: number) => onFanout?.({ kind: 'update', payload: update, logId });
  return { room, client, relayed, deliver, closed };
}

/** Another instance's edits: 450 single-keystroke updates, with deletions among them. */
function edits(): { text: string; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < 450; i += 1) {
    if (i % 9 === 8) text.delete(Math.floor(text.length / 2), 2);
    else text.insert(i % 5 === 0 ? 0 : text.length, String.fromCharCode(97 + (i % 26)));
  }
  return { text: text.toString(), updates };
}

/** Log entries as the store reads them back: ids 1, 2, 3, … */
const logged = (updates: Uint8Array[], from = 0) => updates.map((update, i) => ({ id: from + i + 1, update }));

describe.each([
  ['one of several instances', true],
  ['a single instance', false],
])('DraftRoom.catchUp (recovering fan-out messages from the log), %s', (_name, shared) => {
  it('applies and relays what the document is missing, whatever it already has', async () => {
    const { room, client, relayed, deliver } = await roomWithClient(shared);
    const { text, updates } = edits();
    // Some arrived through the fan-out already (out of order, with gaps); the log brings all of them.
    if (shared) updates.slice(0, 100).forEach((u, i) => deliver(u, i + 1));
    await room.catchUp([...logged(updates.slice(300, 320), 300), ...logged(updates.slice(0, 120))]);
    await room.catchUp(logged(updates));
    expect(room.doc.getText('t').toString()).toBe(text);
    expect(client.getText('t').toString()).toBe(text);
    expect(relayed.length).toBeGreaterThan(0);
  });

  it('relays nothing when the document has everything already', async () => {
    const { room, relayed } = await roomWithClient(shared);
    const { text, updates } = edits();
    await room.catchUp(logged(updates));
    relayed.length = 0;
    await room.catchUp(logged(updates));
    await room.catchUp(logged(updates.slice(200), 200));
    expect(relayed).toEqual([]);
    expect(room.doc.getText('t').toString()).toBe(text);
  });
});

describe('DraftRoom: which log ids a catch-up must read', () => {
  it('skips the ids it received through the fan-out, stored itself or caught up on', async () => {
    const { room, deliver } = await roomWithClient(true);
    const { updates } = edits();
    deliver(updates[0], 1);
    deliver(updates[1], 2);
    await room.catchUp([{ id: 4, update: updates[2] }]);
    // An edit of the room's own client is stored (the stub gives it the next id) before it is relayed.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(room.doc));
    const own = nextLogId + 1;
    Y.transact(room.doc, () => room.doc.getText('t').insert(0, 'own'), { conn: null, userId: null, delegation: null, clauseIds: [] });
    await room.flushed();
    expect(room.unseen([1, 2, 3, 4, own, own + 1])).toEqual([3, own + 1]);
  });

  it('on a single instance nothing is remembered: every id is unseen', async () => {
    const { room, deliver } = await roomWithClient(false);
    deliver(edits().updates[0], 1);
    expect(room.unseen([1, 2])).toEqual([1, 2]);
  });

  it('bounds the scan by the largest id seen at a catch-up at least the given time ago', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z'), toFake: ['Date'] });
    try {
      const { room, deliver } = await roomWithClient(true);
      const { updates } = edits();
      deliver(updates[0], 10);
      expect(room.logFloor(75_000)).toBe(0); // nothing noted 75 s ago yet
      vi.advanceTimersByTime(15_000);
      deliver(updates[1], 20);
      expect(room.logFloor(75_000)).toBe(0);
      vi.advanceTimersByTime(60_000);
      deliver(updates[2], 30);
      // The first note (75 s ago) had seen up to 10; the one 60 s ago (20) is too recent.
      expect(room.logFloor(75_000)).toBe(10);
      vi.advanceTimersByTime(15_000);
      expect(room.logFloor(75_000)).toBe(20);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('DraftRoom when the log cannot be written', () => {
  it('relays nothing, closes its connections with 1011 so that clients resync, and leaves no rejection unhandled', async () => {
    const failing: UpdateStore = { ...store, append: async () => Promise.reject(new Error('disk full')) };
    const { room, relayed, closed } = await roomWithClient(true, failing);
    Y.transact(room.doc, () => room.doc.getText('t').insert(0, 'lost'), { conn: null, userId: null, delegation: null, clauseIds: [] });
    // Nobody waits on the room meanwhile (as in the server between two messages).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(relayed).toEqual([]);
    expect(closed).toEqual([1011]);
    expect(room.isBroken).toBe(true);
  });
});

describe('DraftRoom reports which clauses changed, whatever the origin', () => {
  /** Another instance's edit of clause c2's text. */
  function otherInstanceEdit(): Uint8Array {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Fresh [brackets] typed elsewhere.')]);
    doc.getXmlFragment(clauseField('c2')).insert(0, [paragraph]);
    return Y.encodeStateAsUpdate(doc);
  }

  it('for an update received through the fan-out, and for one read back from the log', async () => {
    const changed: string[][] = [];
    const viaFanout = await roomWithClient(true, store, (_d, ids) => changed.push(ids));
    viaFanout.deliver(otherInstanceEdit(), 1);
    expect(changed).toEqual([['c2']]);

    const viaLog = await roomWithClient(true, store, (_d, ids) => changed.push(ids));
    await viaLog.room.catchUp([{ id: 1, update: otherInstanceEdit() }]);
    expect(changed).toEqual([['c2'], ['c2']]);
  });

  it('for a local change, and not for changes outside clauses', async () => {
    const changed: string[][] = [];
    const { room } = await roomWithClient(false, store, (_d, ids) => changed.push(ids));
    Y.transact(room.doc, () => room.doc.getText('t').insert(0, 'not a clause'), { conn: null, userId: null, delegation: null, clauseIds: [] });
    Y.applyUpdate(room.doc, otherInstanceEdit(), { conn: null, userId: null, delegation: null, clauseIds: ['c2'] });
    expect(changed).toEqual([['c2']]);
  });
});
