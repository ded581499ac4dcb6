import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DraftRoom, type RoomConnection } from './draft-room';
import { createLocalFanout, type Fanout, type FanoutMessage } from './fanout';
import { decodeMessage } from './protocol';
import type { UpdateStore } from './update-store';

const store: UpdateStore = {
  append: async () => undefined,
  load: async () => [],
  loadRecent: async () => [],
  flush: async () => undefined,
};

/**
 * A room with one connected client whose copy of the document is built from what the room
 * sends it. `shared`: the room is one of several instances (it keeps digests of what it saw,
 * and `deliver` hands it an update as the fan-out would).
 */
async function roomWithClient(shared: boolean) {
  let onFanout: ((message: FanoutMessage) => void) | undefined;
  const fanout: Fanout = shared
    ? { ...createLocalFanout(), kind: 'redis', subscribe: async (_draftId, handler) => void (onFanout = handler) }
    : createLocalFanout();
  const room = new DraftRoom({ draftId: 'draft', store, logger: pino({ level: 'silent' }), loadClauses: async () => [], onBroken: () => undefined, fanout });
  await room.ready;
  const client = new Y.Doc();
  const relayed: Uint8Array[] = [];
  const conn = {
    id: 1,
    ownClientId: null,
    send: (message: Uint8Array) => {
      const decoded = decodeMessage(message);
      if (decoded.kind !== 'update') return;
      relayed.push(decoded.update);
      Y.applyUpdate(client, decoded.update);
    },
    close: () => undefined,
  } as unknown as RoomConnection;
  room.join(conn);
  const deliver = (update: Uint8Array) => onFanout?.({ kind: 'update', payload: update });
  return { room, client, relayed, deliver };
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

describe.each([
  ['one of several instances', true],
  ['a single instance', false],
])('DraftRoom.catchUp (recovering fan-out messages from the log), %s', (_name, shared) => {
  it('applies and relays what the document is missing, whatever it already has', async () => {
    const { room, client, relayed, deliver } = await roomWithClient(shared);
    const { text, updates } = edits();
    // Some arrived through the fan-out already (out of order, with gaps); the log brings all of them.
    if (shared) for (const u of updates.slice(0, 100)) deliver(u);
    await room.catchUp([...updates.slice(300, 320), ...updates.slice(0, 120)]);
    await room.catchUp(updates);
    expect(room.doc.getText('t').toString()).toBe(text);
    expect(client.getText('t').toString()).toBe(text);
    expect(relayed.length).toBeGreaterThan(0);
  });

  it('relays nothing when the document has everything already', async () => {
    const { room, relayed } = await roomWithClient(shared);
    const { text, updates } = edits();
    await room.catchUp(updates);
    relayed.length = 0;
    await room.catchUp(updates);
    await room.catchUp(updates.slice(200));
    expect(relayed).toEqual([]);
    expect(room.doc.getText('t').toString()).toBe(text);
  });
});
