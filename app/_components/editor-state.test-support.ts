/**
 * Editor states for unit tests of the decoration plugins, without a DOM: the schema the
 * clause editor uses (StarterKit), a clause's text in a Y.XmlFragment, and a stand-in
 * for y-tiptap's sync plugin whose state holds the binding (Y document, fragment and
 * the Yjs-to-ProseMirror mapping) exactly where the plugins look for it. The real sync
 * plugin creates its binding only with an EditorView; this one builds the mapping with
 * y-tiptap's own `initProseMirrorDoc`.
 */
import { getSchema } from '@tiptap/core';
import { EditorState, Plugin, type Transaction } from '@tiptap/pm/state';
import type { DecorationSet, Decoration } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

export const schema = getSchema([StarterKit.configure({ undoRedo: false })]);

export interface YClause {
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  /** The Y.XmlText of paragraph `i`. */
  text(i: number): Y.XmlText;
}

/** A clause of plain paragraphs in a fresh Y document. */
export function yClause(paragraphs: readonly string[]): YClause {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('clause:test');
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })) },
    fragment,
  );
  return {
    doc,
    fragment,
    text: (i) => (fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText,
  };
}

interface FakeSyncState {
  binding: { doc: Y.Doc; type: Y.XmlFragment; mapping: Map<unknown, unknown> } | null;
}

const BINDING = 'testBinding';

/** Holds the binding in the y-sync plugin's state; a transaction's `testBinding` meta replaces it. */
function fakeSyncPlugin(initial: FakeSyncState['binding']): Plugin<FakeSyncState> {
  return new Plugin<FakeSyncState>({
    key: ySyncPluginKey,
    state: {
      init: () => ({ binding: initial }),
      apply: (tr, old) => {
        const binding = tr.getMeta(BINDING) as FakeSyncState['binding'] | undefined;
        return binding ? { binding } : old;
      },
    },
  });
}

/** An editor state showing the clause, bound to it as the collaboration extension binds the real editor. */
export function boundState(clause: YClause, plugins: readonly Plugin[]): EditorState {
  const { doc, mapping } = initProseMirrorDoc(clause.fragment, schema);
  return EditorState.create({
    schema,
    doc,
    plugins: [fakeSyncPlugin({ doc: clause.doc, type: clause.fragment, mapping: mapping as Map<unknown, unknown> }), ...plugins],
  });
}

/**
 * What the sync plugin does when another participant's change arrives: the document is
 * rebuilt from Yjs (with a fresh mapping) in one transaction marked as a change origin.
 */
export function applyRemoteChange(state: EditorState, clause: YClause): EditorState {
  const { doc, mapping } = initProseMirrorDoc(clause.fragment, schema);
  const tr: Transaction = state.tr.replaceWith(0, state.doc.content.size, doc.content);
  tr.setMeta(ySyncPluginKey, { isChangeOrigin: true });
  tr.setMeta(BINDING, { doc: clause.doc, type: clause.fragment, mapping });
  return state.apply(tr);
}

/** A decoration as tests compare it: its range, the text it covers and its attributes. */
export interface DecorationView {
  from: number;
  to: number;
  text: string;
  attrs: Record<string, string>;
  /** `inline` over text, `widget` at a point. */
  kind: 'inline' | 'widget';
  side?: number;
}

/** Every decoration of a set, in document order, as plain data. */
export function decorationsOf(state: EditorState, set: DecorationSet | null | undefined): DecorationView[] {
  const list: Decoration[] = set ? set.find() : [];
  return list
    .map((d) => {
      // Inline decorations keep their attributes on their (internal) type; widgets carry `side` in their spec.
      const type = (d as unknown as { type: { attrs?: Record<string, string>; side?: number } }).type;
      const widget = d.from === d.to && type.attrs === undefined;
      return {
        from: d.from,
        to: d.to,
        text: state.doc.textBetween(d.from, d.to, '\n'),
        attrs: type.attrs ?? {},
        kind: widget ? ('widget' as const) : ('inline' as const),
        ...(widget ? { side: type.side } : {}),
      };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The document position of the first occurrence of `words` (after `occurrence` earlier ones). */
export function positionOf(state: EditorState, words: string, occurrence = 0): { from: number; to: number } {
  let seen = 0;
  let found: { from: number; to: number } | null = null;
  state.doc.descendants((node, pos) => {
    if (found || !node.isText || !node.text) return !found;
    let at = node.text.indexOf(words);
    while (at >= 0) {
      if (seen === occurrence) {
        found = { from: pos + at, to: pos + at + words.length };
        return false;
      }
      seen += 1;
      at = node.text.indexOf(words, at + 1);
    }
    return true;
  });
  if (!found) throw new Error(`"${words}" is not in the document`);
  return found;
}
