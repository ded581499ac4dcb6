/**
 * Writes an imported clause body into its Y.XmlFragment exactly as the clause editor's
 * Collaboration binding stores Tiptap content (StarterKit's schema, y-tiptap's mapping),
 * so the draft-creation code can put every clause of a plan into the draft's first Yjs
 * update the way the demo seed does.
 */
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import type { Block } from '@/lib/drafts/import-content';

let schema: ReturnType<typeof getSchema> | null = null;

/** The clause editor's schema (built once: it is the same for every clause). */
function editorSchema(): ReturnType<typeof getSchema> {
  schema ??= getSchema([StarterKit.configure({ undoRedo: false })]);
  return schema;
}

/**
 * Fills the clause `clauseId` of `doc` with `blocks` (an empty body becomes one empty
 * paragraph, as the editor shows it).
 * @throws Error when the blocks do not fit the editor's schema (they are built to).
 */
export function writeClauseBody(doc: Y.Doc, clauseId: string, blocks: readonly Block[]): void {
  const content = blocks.length > 0 ? blocks : [{ type: 'paragraph' as const }];
  prosemirrorJSONToYXmlFragment(editorSchema(), { type: 'doc', content }, doc.getXmlFragment(clauseField(clauseId)));
}

/**
 * The first Yjs update of an imported draft: every clause's body, keyed by the ids of
 * the clause rows just inserted (store it in yjs_updates as the seed does).
 */
export function importedDraftUpdate(clauses: ReadonlyArray<{ id: string; blocks: readonly Block[] }>): Uint8Array {
  const doc = new Y.Doc();
  try {
    for (const clause of clauses) writeClauseBody(doc, clause.id, clause.blocks);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
