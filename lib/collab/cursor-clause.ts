/**
 * Which clause a collaborator's caret is in, from their awareness state: the editor
 * (y-prosemirror) publishes `cursor: { anchor, head }` as relative positions, and the
 * server stamps `user.userId`. The anchor resolves to a type inside one clause's
 * fragment; its root's name in the document says which clause.
 */
import * as Y from 'yjs';
import { clauseIdOfField } from './clause-field';

/** The clause id a relative position (as JSON) points into, or null (no caret, unknown position, not a clause). */
export function clauseOfCursor(doc: Y.Doc, anchor: unknown): string | null {
  if (!anchor || typeof anchor !== 'object') return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor), doc);
  } catch {
    return null;
  }
  if (!absolute) return null;
  let type: Y.AbstractType<unknown> = absolute.type;
  while (type._item?.parent instanceof Y.AbstractType) type = type._item.parent;
  for (const [name, root] of doc.share) if (root === type) return clauseIdOfField(name);
  return null;
}

/** userId → clause id for every awareness state with a caret in a clause. */
export function clausesOfCollaborators(doc: Y.Doc, states: ReadonlyMap<number, Record<string, unknown>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const state of states.values()) {
    const user = state.user as { userId?: unknown } | undefined;
    const cursor = state.cursor as { anchor?: unknown } | null | undefined;
    if (typeof user?.userId !== 'string' || !cursor) continue;
    const clauseId = clauseOfCursor(doc, cursor.anchor);
    if (clauseId) out.set(user.userId, clauseId);
  }
  return out;
}
