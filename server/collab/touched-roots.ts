/**
 * Which root fields of a document an encoded Yjs update would change, computed
 * *before* the update is applied, so that permissions (observers, locked clauses)
 * can be checked without touching the document.
 *
 * Items in an update name their parent either directly (a root key or the id of a
 * parent item) or implicitly through their left/right origin. Those ids resolve
 * against the update itself or against the document's store; deletions resolve
 * against both as well.
 */
import * as Y from 'yjs';

export interface TouchedRoots {
  /** Root field names whose content the update inserts into or deletes from. */
  roots: Set<string>;
  /**
   * Whether the update cannot be integrated completely: some item refers to content that
   * neither the document nor the update has, leaves a gap in its client's edits (its clock
   * starts beyond what the document has of that client), or a deletion names such content.
   * Yjs would keep that part pending and integrate it whenever the gap is filled, by
   * whoever fills it: a forged update could wait for another person's next edit.
   */
  unresolved: boolean;
  /** Whether the update would change anything at all (false for an empty or already-known update). */
  novel: boolean;
  /**
   * Whether Yjs would fail half-way through integrating the update, so that it must be
   * refused before it is applied: some item refers to an item of its own client that comes
   * at or after it (its origin, right origin or parent; honest clients' items only refer to
   * what existed when they were created), or an item the document has in part continues
   * after content the document has garbage-collected.
   */
  malformed: boolean;
}

type DecodedItem = Y.Item | Y.GC | Y.Skip;

/** The name of the root field a (nested) type belongs to, or null. */
export function rootOfType(type: Y.AbstractType<unknown>): string | null {
  let t: Y.AbstractType<unknown> = type;
  while (t._item !== null) {
    const parent = t._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    t = parent as Y.AbstractType<unknown>;
  }
  try {
    return Y.findRootTypeKey(t);
  } catch {
    return null;
  }
}

/** Root of an item already integrated in the document. */
function rootOfIntegrated(item: Y.Item): string | null {
  const parent = item.parent;
  if (parent instanceof Y.AbstractType) return rootOfType(parent as Y.AbstractType<unknown>);
  return null;
}

export function touchedRoots(doc: Y.Doc, update: Uint8Array): TouchedRoots {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const result: TouchedRoots = { roots: new Set(), unresolved: false, novel: false, malformed: false };

  // Index the update's own structs by client for range look-ups.
  const byClient = new Map<number, DecodedItem[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }

  const findInUpdate = (id: Y.ID): DecodedItem | null => {
    const list = byClient.get(id.client);
    if (!list) return null;
    for (const s of list) if (s.id.clock <= id.clock && id.clock < s.id.clock + s.length) return s;
    return null;
  };

  const stateOf = (client: number) => Y.getState(store, client);

  const memo = new Map<DecodedItem, string | null>();
  const resolving = new Set<DecodedItem>();

  const rootOfId = (id: Y.ID): string | null | undefined => {
    if (id.clock < stateOf(id.client)) {
      const item = Y.getItem(store, id);
      return item instanceof Y.Item ? rootOfIntegrated(item) : null;
    }
    const local = findInUpdate(id);
    if (local) return rootOfDecoded(local);
    return undefined; // refers to content nobody here has
  };

  const rootOfDecoded = (s: DecodedItem): string | null | undefined => {
    if (!(s instanceof Y.Item)) return null;
    if (memo.has(s)) return memo.get(s);
    if (resolving.has(s)) return undefined;
    resolving.add(s);
    let root: string | null | undefined;
    const parent = s.parent as unknown;
    if (typeof parent === 'string') root = parent;
    else if (parent instanceof Y.ID) root = rootOfId(parent);
    else if (parent instanceof Y.AbstractType) root = rootOfType(parent as Y.AbstractType<unknown>);
    else if (s.origin) root = rootOfId(s.origin);
    else if (s.rightOrigin) root = rootOfId(s.rightOrigin);
    else root = undefined;
    resolving.delete(s);
    if (root !== undefined) memo.set(s, root);
    return root;
  };

  const refersForward = (item: Y.Item, id: unknown): boolean => id instanceof Y.ID && id.client === item.id.client && id.clock >= item.id.clock;
  for (const s of structs) {
    if (s instanceof Y.Item && (refersForward(s, s.origin) || refersForward(s, s.rightOrigin) || refersForward(s, s.parent))) {
      result.malformed = true;
      return result;
    }
  }

  // An item the document has in part is integrated after the struct before its unknown
  // part; when that struct was garbage-collected, Yjs fails half-way (document changed).
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const state = stateOf(s.id.client);
    if (s.id.clock < state && state < s.id.clock + s.length && (Y.getItem(store, new Y.ID(s.id.client, state - 1)) as unknown) instanceof Y.GC) {
      result.malformed = true;
      return result;
    }
  }

  // Every item's references to other clients must resolve: Yjs checks them for each item
  // of an update, including items the document already has, and keeps the rest of that
  // client's structs pending when one does not (content that would integrate later,
  // differently, wherever the missing item turns up).
  const resolvable = (item: Y.Item, id: unknown): boolean =>
    !(id instanceof Y.ID) || id.client === item.id.client || id.clock < stateOf(id.client) || findInUpdate(id) !== null;
  for (const s of structs) {
    if (s instanceof Y.Item && !(resolvable(s, s.origin) && resolvable(s, s.rightOrigin) && resolvable(s, s.parent))) {
      result.unresolved = true;
      result.novel = true;
      break;
    }
  }

  // Each client's structs must continue that client's edits without a gap.
  for (const [client, list] of byClient) {
    let next = stateOf(client);
    for (const s of list) {
      if (s instanceof Y.Skip || s.id.clock > next) {
        result.unresolved = true;
        result.novel = true;
        break;
      }
      next = Math.max(next, s.id.clock + s.length);
    }
  }

  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if (s.id.clock + s.length <= stateOf(s.id.client)) continue; // already known
    result.novel = true;
    const root = rootOfDecoded(s);
    if (root === undefined) result.unresolved = true;
    else if (root !== null) result.roots.add(root);
  }

  for (const [client, deleteItems] of ds.clients) {
    const state = stateOf(client);
    const structsOfClient = store.clients.get(client);
    for (const del of deleteItems) {
      const end = del.clock + del.len;
      // Part of the range that the document already has.
      if (structsOfClient && del.clock < state) {
        let index = Y.findIndexSS(structsOfClient, del.clock);
        for (; index < structsOfClient.length; index += 1) {
          const struct = structsOfClient[index];
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !struct.deleted) {
            result.novel = true;
            const root = rootOfIntegrated(struct);
            if (root !== null) result.roots.add(root);
          }
        }
      }
      // Part of the range beyond what the document has: content of this very update, or unknown.
      if (end > state) {
        for (let clock = Math.max(del.clock, state); clock < end;) {
          const local = findInUpdate(new Y.ID(client, clock));
          if (!local) {
            result.novel = true;
            result.unresolved = true;
            break;
          }
          const root = rootOfDecoded(local);
          if (root === undefined) result.unresolved = true;
          else if (root !== null) result.roots.add(root);
          clock = local.id.clock + local.length;
        }
      }
    }
  }
  return result;
}
