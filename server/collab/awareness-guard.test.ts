import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessUpdate, guardAwarenessUpdate } from './awareness-guard';

const serverUser = { name: 'FR · Marie', color: '#1f5fbf', delegation: 'FR' };

function updateFrom(doc: Y.Doc, state: Record<string, unknown> | null): Uint8Array {
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return update;
}

describe('guardAwarenessUpdate', () => {
  it('replaces a claimed identity with the server identity', () => {
    const doc = new Y.Doc();
    const conn = { ownClientId: null };
    const out = guardAwarenessUpdate(updateFrom(doc, { user: { name: 'DE · Impostor', color: '#000' }, cursor: null }), conn, serverUser, () => false);
    const [entry] = decodeAwarenessUpdate(out!);
    expect(entry.state).toEqual({ user: serverUser, cursor: null });
    expect(conn.ownClientId).toBe(doc.clientID);
  });

  it('drops entries for client ids the connection does not own', () => {
    const mine = new Y.Doc();
    const other = new Y.Doc();
    const conn = { ownClientId: null as number | null };
    guardAwarenessUpdate(updateFrom(mine, { a: 1 }), conn, serverUser, () => false);
    expect(guardAwarenessUpdate(updateFrom(other, { a: 2 }), conn, serverUser, () => false)).toBeNull();
  });

  it('refuses to claim a client id already owned by another connection', () => {
    const doc = new Y.Doc();
    const conn = { ownClientId: null };
    expect(guardAwarenessUpdate(updateFrom(doc, { a: 1 }), conn, serverUser, () => true)).toBeNull();
    expect(conn.ownClientId).toBeNull();
  });

  it('lets a client remove its own state', () => {
    const doc = new Y.Doc();
    const conn = { ownClientId: doc.clientID };
    const out = guardAwarenessUpdate(updateFrom(doc, null), conn, serverUser, () => false);
    expect(decodeAwarenessUpdate(out!)[0].state).toBeNull();
  });

  it('throws on malformed bytes and non-object states', () => {
    expect(() => guardAwarenessUpdate(new Uint8Array([1, 5]), { ownClientId: null }, serverUser, () => false)).toThrow();
    const bad = new Uint8Array([1, 7, 1, 3, 0x31, 0x32, 0x33]); // state "123"
    expect(() => guardAwarenessUpdate(bad, { ownClientId: null }, serverUser, () => false)).toThrow();
  });
});
