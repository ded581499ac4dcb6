/**
 * Awareness (carets, presence) comes from clients, but who someone *is* comes from
 * the server: each connection may only speak for its own awareness client id, and
 * the `user` field of its state is overwritten with the server's identity so that
 * nobody can show a caret under another delegation's name.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Decode an awareness update; throws on malformed bytes or JSON. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new Error('awareness update lists too many clients');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw: unknown = JSON.parse(decoding.readVarString(decoder));
    if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) throw new Error('awareness state must be an object or null');
    entries.push({ clientId, clock, state: raw as Record<string, unknown> | null });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

export interface AwarenessOwnership {
  /** The client id this connection speaks for, once it has sent its first awareness update. */
  ownClientId: number | null;
}

/**
 * Keep only the entries a connection may speak for, with the server's `user` field.
 * `isTakenByOther` says whether another connection already owns a client id.
 * Returns null when nothing is left to apply.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  conn: AwarenessOwnership,
  user: Record<string, unknown>,
  isTakenByOther: (clientId: number) => boolean,
): Uint8Array | null {
  const kept: AwarenessEntry[] = [];
  for (const entry of decodeAwarenessUpdate(update)) {
    if (conn.ownClientId === null) {
      if (isTakenByOther(entry.clientId)) continue;
      conn.ownClientId = entry.clientId;
    }
    if (entry.clientId !== conn.ownClientId) continue;
    kept.push({ ...entry, state: entry.state === null ? null : { ...entry.state, user } });
  }
  return kept.length > 0 ? encodeAwarenessEntries(kept) : null;
}
