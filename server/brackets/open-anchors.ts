/**
 * The open recorded brackets and alternative wordings of clauses, as anchors into the
 * Yjs text: what consensus counts as disputes besides brackets typed in the text.
 * A plain read of rows, so that clause states can use it without the annotation
 * service (which itself depends on clause states).
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { SpanAnchor } from '@/lib/collab/text-anchor';
import type { Database } from '../db/client';
import { alternatives, brackets } from '../db/schema';
import { nextTurn } from '../util/event-loop';

/** Open anchors of some clauses, for counting disputes in consensus. */
export interface OpenAnchors {
  brackets: SpanAnchor[];
  /** null for an alternative to the whole clause (always attached). */
  alternatives: Array<SpanAnchor | null>;
}

const fromBytes = (bytes: Uint8Array) => Y.decodeRelativePosition(bytes);

/**
 * Open recorded brackets and alternatives per clause (no authorisation: server use).
 * `gentle`: one read at a time, with a turn of the event loop between.
 */
export async function readOpenAnchors(db: Database, draftId: string, clauseIds: readonly string[], { gentle = false } = {}): Promise<Map<string, OpenAnchors>> {
  const out = new Map<string, OpenAnchors>();
  if (clauseIds.length === 0) return out;
  const ids = [...clauseIds];
  const readBrackets = () =>
    db
      .select({ clauseId: brackets.clauseId, start: brackets.anchorStart, end: brackets.anchorEnd })
      .from(brackets)
      .where(and(eq(brackets.draftId, draftId), inArray(brackets.clauseId, ids), eq(brackets.state, 'open')));
  const readAlternatives = () =>
    db
      .select({ clauseId: alternatives.clauseId, start: alternatives.anchorStart, end: alternatives.anchorEnd })
      .from(alternatives)
      .where(and(eq(alternatives.draftId, draftId), inArray(alternatives.clauseId, ids), eq(alternatives.state, 'open')));
  let bracketRows: Awaited<ReturnType<typeof readBrackets>>;
  let altRows: Awaited<ReturnType<typeof readAlternatives>>;
  if (gentle) {
    bracketRows = await readBrackets();
    await nextTurn();
    altRows = await readAlternatives();
  } else {
    [bracketRows, altRows] = await Promise.all([readBrackets(), readAlternatives()]);
  }
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { brackets: [], alternatives: [] }));
    return e;
  };
  for (const b of bracketRows) entry(b.clauseId).brackets.push({ start: fromBytes(b.start), end: fromBytes(b.end) });
  for (const a of altRows) entry(a.clauseId).alternatives.push(a.start && a.end ? { start: fromBytes(a.start), end: fromBytes(a.end) } : null);
  return out;
}
