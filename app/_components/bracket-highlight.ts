import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { findAltMarkers, findBracketRanges } from '@/lib/ui/bracket-ranges';

const key = new PluginKey<DecorationSet>('accordBracketHighlight');

/** A range of the document to mark: bracketed wording (with its nesting depth) or an ALT marker. */
export interface BracketDecorationRange {
  kind: 'bracket' | 'alt';
  from: number;
  to: number;
  /** Nesting depth of a bracket (1 for the outermost), 0 for an ALT marker. */
  depth: number;
}

/**
 * Document ranges of bracketed (disputed) wording and ALT markers, textblock by
 * textblock: a bracket never spans two paragraphs, and one left open runs to the end of
 * its paragraph. Pure: no DOM.
 */
export function bracketDecorationRanges(doc: PmNode): BracketDecorationRange[] {
  const ranges: BracketDecorationRange[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // The textblock's text with the document position of each character.
    let text = '';
    const positions: number[] = [];
    node.forEach((child, offset) => {
      const start = pos + 1 + offset;
      if (child.isText && child.text) {
        for (let i = 0; i < child.text.length; i += 1) positions.push(start + i);
        text += child.text;
      } else {
        positions.push(start);
        text += '\n';
      }
    });
    if (!text.includes('[') && !text.includes('ALT')) return false;
    for (const range of findBracketRanges(text)) {
      ranges.push({ kind: 'bracket', from: positions[range.from], to: positions[range.to - 1] + 1, depth: range.depth });
    }
    for (const range of findAltMarkers(text)) {
      ranges.push({ kind: 'alt', from: positions[range.from], to: positions[range.to - 1] + 1, depth: 0 });
    }
    return false;
  });
  return ranges;
}

/** Decorations for bracketed (disputed) wording and ALT markers in every textblock. */
function decorate(doc: PmNode): DecorationSet {
  const decorations = bracketDecorationRanges(doc).map((r) =>
    Decoration.inline(r.from, r.to, { class: r.kind === 'bracket' ? `bracket bracket--depth-${Math.min(r.depth, 3)}` : 'alt-marker' }),
  );
  return DecorationSet.create(doc, decorations);
}

/** The bracket highlight's ProseMirror plugin: decorations recomputed on every change of the text. */
export function bracketHighlightPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_config, state) => decorate(state.doc),
      apply: (tr, old) => (tr.docChanged ? decorate(tr.doc) : old),
    },
    props: {
      decorations: (state) => key.getState(state),
    },
  });
}

/**
 * Shows disputed wording `[like this]` and `ALT 1` markers at a glance. Purely a view:
 * nothing is stored in the document.
 */
export const BracketHighlight = Extension.create({
  name: 'accordBracketHighlight',
  addProseMirrorPlugins() {
    return [bracketHighlightPlugin()];
  },
});
