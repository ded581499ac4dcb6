import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { findAltMarkers, findBracketRanges } from '@/lib/ui/bracket-ranges';

const key = new PluginKey<DecorationSet>('accordBracketHighlight');

/** Decorations for bracketed (disputed) wording and ALT markers in every textblock. */
function decorate(doc: PmNode): DecorationSet {
  const decorations: Decoration[] = [];
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
      decorations.push(
        Decoration.inline(positions[range.from], positions[range.to - 1] + 1, {
          class: `bracket bracket--depth-${Math.min(range.depth, 3)}`,
        }),
      );
    }
    for (const range of findAltMarkers(text)) {
      decorations.push(Decoration.inline(positions[range.from], positions[range.to - 1] + 1, { class: 'alt-marker' }));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Shows disputed wording `[like this]` and `ALT 1` markers at a glance. Purely a view:
 * nothing is stored in the document.
 */
export const BracketHighlight = Extension.create({
  name: 'accordBracketHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorate(state.doc),
          apply: (tr, old) => (tr.docChanged ? decorate(tr.doc) : old),
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ];
  },
});
