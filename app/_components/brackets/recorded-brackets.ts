import { Extension } from '@tiptap/core';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { AnchorDto } from '@/lib/api/types';
import { decodeAnchor, encodeAnchor } from '@/lib/collab/text-anchor';
import { editorPosition, type YEditorBinding } from '../editor-position';

/** A recorded span to draw: a bracket (`[` … `]`) or the words an open alternative would replace. */
export interface MarkedSpan {
  id: string;
  kind: 'bracket' | 'alternative';
  anchor: AnchorDto;
  /** Read by screen readers and shown as the glyph's tooltip. */
  label: string;
  /** For alternatives: the ALT numbers competing for these words, e.g. "ALT 2, 3". */
  tag?: string;
}

export const recordedBracketsKey = new PluginKey<DecorationSet>('accordRecordedBrackets');

interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

function bindingOf(state: EditorState): YBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: { doc: Y.Doc; type: Y.XmlFragment; mapping: YBinding['mapping'] } | null } | undefined;
  const binding = sync?.binding;
  return binding ? { doc: binding.doc, type: binding.type, mapping: binding.mapping } : null;
}

function glyph(text: string, span: MarkedSpan, side: 'open' | 'close'): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = `rbracket rbracket--${side}`;
    el.textContent = text;
    el.dataset.bracketId = span.id;
    if (side === 'open') {
      el.dataset.testid = 'recorded-bracket-glyph';
      // The opening glyph is the keyboard way into the bracket's card.
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', span.label);
    } else {
      el.setAttribute('aria-hidden', 'true');
    }
    el.title = span.label;
    return el;
  };
}

function altTag(span: MarkedSpan): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = 'ralt-tag';
    el.textContent = span.tag ?? 'ALT';
    el.dataset.alternativeId = span.id;
    el.title = span.label;
    el.setAttribute('aria-label', span.label);
    return el;
  };
}

/** Where a span is now in the editor (ProseMirror positions), or null when its words are gone. */
function locate(state: EditorState, binding: YBinding, anchor: AnchorDto): { from: number; to: number } | null {
  const start = decodeAnchor(anchor.start);
  const end = decodeAnchor(anchor.end);
  if (!start || !end) return null;
  // y-tiptap types the mapping loosely; it is the binding's own map of Yjs types to nodes.
  const at: YEditorBinding = { doc: binding.doc, type: binding.type, mapping: binding.mapping as YEditorBinding['mapping'] };
  const from = editorPosition(at, start);
  const to = editorPosition(at, end);
  if (from === null || to === null || from >= to || to > state.doc.content.size) return null;
  return { from, to };
}

function decorate(state: EditorState, spans: readonly MarkedSpan[]): DecorationSet {
  const binding = bindingOf(state);
  if (!binding || spans.length === 0) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  for (const span of spans) {
    const at = locate(state, binding, span.anchor);
    if (!at) continue;
    if (span.kind === 'bracket') {
      decorations.push(
        Decoration.widget(at.from, glyph('[', span, 'open'), { side: -1, key: `o-${span.id}`, ignoreSelection: true, spanId: span.id }),
        Decoration.inline(at.from, at.to, { class: 'rbracket-span', 'data-bracket-id': span.id }, { spanId: span.id }),
        Decoration.widget(at.to, glyph(']', span, 'close'), { side: 1, key: `c-${span.id}`, ignoreSelection: true, spanId: span.id }),
      );
    } else {
      decorations.push(
        Decoration.inline(at.from, at.to, { class: 'ralt-span', 'data-alternative-id': span.id }, { spanId: span.id }),
        Decoration.widget(at.to, altTag(span), { side: 1, key: `a-${span.id}`, ignoreSelection: true, spanId: span.id }),
      );
    }
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Decorations mapped through a local edit. A span whose words were all deleted loses its
 * inline decoration in the mapping; its glyphs and tag go with it (they would otherwise
 * stay as an empty `[ ]`), as they do when positions are recomputed from the anchors.
 */
function mapThrough(decorations: DecorationSet, tr: Transaction): DecorationSet {
  const mapped = decorations.map(tr.mapping, tr.doc);
  const all = mapped.find();
  const alive = new Set(all.filter((d) => d.from < d.to).map((d) => (d.spec as { spanId?: string }).spanId));
  const orphans = all.filter((d) => !alive.has((d.spec as { spanId?: string }).spanId));
  return orphans.length ? mapped.remove(orphans) : mapped;
}

interface PluginState {
  spans: readonly MarkedSpan[];
  decorations: DecorationSet;
}

const stateKey = new PluginKey<PluginState>('accordRecordedBracketsState');

/**
 * Draws brackets recorded on the clause (`[` `]` around the words, with a focusable
 * opening glyph) and the words open alternatives would replace. Positions come from the
 * Yjs anchors: recomputed whenever a remote change rebuilds the document or the list
 * changes, and mapped through local edits in between (the Yjs document catches up with
 * those only after the transaction).
 */
export function recordedBracketsPlugin(): Plugin<PluginState> {
  return new Plugin<PluginState>({
    key: stateKey,
    state: {
      init: () => ({ spans: [], decorations: DecorationSet.empty }),
      apply(tr: Transaction, old: PluginState, _oldState: EditorState, newState: EditorState): PluginState {
        const spans = tr.getMeta(recordedBracketsKey) as readonly MarkedSpan[] | undefined;
        const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
        if (spans) return { spans, decorations: decorate(newState, spans) };
        if (sync?.isChangeOrigin) return { spans: old.spans, decorations: decorate(newState, old.spans) };
        if (tr.docChanged) return { spans: old.spans, decorations: mapThrough(old.decorations, tr) };
        return old;
      },
    },
    props: {
      decorations: (state) => stateKey.getState(state)?.decorations,
    },
  });
}

/** The editor extension of recordedBracketsPlugin. */
export const RecordedBrackets = Extension.create({
  name: 'accordRecordedBrackets',
  addProseMirrorPlugins() {
    return [recordedBracketsPlugin()];
  },
});

/**
 * Yjs anchors for the editor's current selection: the start sticks to the first selected
 * character and the end to the last, so that text typed at either edge stays outside.
 * Null when nothing is selected or the editor is not bound to its Yjs fragment yet.
 */
export function anchorSelection(state: EditorState): { anchor: AnchorDto; quote: string } | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const binding = bindingOf(state);
  if (!binding) return null;
  const mapping = binding.mapping as Parameters<typeof absolutePositionToRelativePosition>[2];
  const toAbs = (pos: number) => Y.createAbsolutePositionFromRelativePosition(absolutePositionToRelativePosition(pos, binding.type, mapping), binding.doc);
  const start = toAbs(from);
  const end = toAbs(to);
  if (!start || !end || !(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText)) return null;
  const quote = state.doc.textBetween(from, to, '\n');
  if (!quote.trim()) return null;
  return {
    anchor: {
      start: encodeAnchor(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
      end: encodeAnchor(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
    },
    quote,
  };
}
