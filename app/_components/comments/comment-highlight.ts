import { Extension, type Editor } from '@tiptap/core';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorPosition, type YEditorBinding } from '../editor-position';
import { decodeRelativePosition, encodeRelativePosition, withAssoc, type EncodedAnchor } from '@/lib/comments/comment-anchor';

/** A thread as the highlight needs it. */
export interface HighlightAnchor {
  id: string;
  anchor: EncodedAnchor;
  /** Internal notes are marked differently from public threads. */
  internal: boolean;
  /** The words of a comment being written (not saved yet). */
  pending?: boolean;
}

interface HighlightState {
  anchors: readonly HighlightAnchor[];
  activeId: string | null;
  emphasisId: string | null;
  decorations: DecorationSet;
}

interface Meta {
  anchors?: readonly HighlightAnchor[];
  activeId?: string | null;
  emphasisId?: string | null;
  recompute?: boolean;
}

export const commentHighlightKey = new PluginKey<HighlightState>('accordCommentHighlight');
const key = commentHighlightKey;

/** What the highlight needs of y-tiptap's binding: the Y document, the clause's fragment and the fragment-to-node mapping. */
export type SyncBinding = YEditorBinding;

function bindingOf(state: EditorState): SyncBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: SyncBinding | null; doc?: Y.Doc; type?: Y.XmlFragment } | undefined;
  const binding = sync?.binding;
  if (!binding || !binding.mapping) return null;
  return binding;
}

/** Where a thread's words are in the editor (ProseMirror positions). */
export interface CommentRange {
  id: string;
  from: number;
  to: number;
}

/**
 * The editor range of each anchor, from its Yjs relative positions resolved through the
 * binding's current mapping. Anchors whose words were deleted (both ends meet), that
 * cannot be decoded, or that point past the document are left out. Pure: no DOM.
 */
export function commentRanges(binding: SyncBinding, docSize: number, anchors: readonly HighlightAnchor[]): CommentRange[] {
  const ranges: CommentRange[] = [];
  for (const a of anchors) {
    const start = decodeRelativePosition(a.anchor.start);
    const end = decodeRelativePosition(a.anchor.end);
    if (!start || !end) continue;
    const from = editorPosition(binding, start);
    const to = editorPosition(binding, end);
    if (from === null || to === null || from >= to || to > docSize) continue;
    ranges.push({ id: a.id, from, to });
  }
  return ranges;
}

/** Decorations from the anchors' relative positions, resolved against the current Y state. */
function decorate(state: EditorState, anchors: readonly HighlightAnchor[], activeId: string | null, emphasisId: string | null): DecorationSet {
  const binding = bindingOf(state);
  if (!binding || anchors.length === 0) return DecorationSet.empty;
  const byId = new Map(anchors.map((a) => [a.id, a]));
  const decorations = commentRanges(binding, state.doc.content.size, anchors).map(({ id, from, to }) => {
    const a = byId.get(id) as HighlightAnchor;
    const classes = ['comment-highlight'];
    if (a.internal) classes.push('comment-highlight--internal');
    if (a.id === activeId) classes.push('comment-highlight--active');
    if (a.id === emphasisId) classes.push('comment-highlight--emphasis');
    if (a.pending) classes.push('comment-highlight--pending');
    return Decoration.inline(from, to, { class: classes.join(' '), 'data-comment-id': a.id }, { threadId: a.id });
  });
  return DecorationSet.create(state.doc, decorations);
}

/**
 * The anchor of the current selection: Yjs relative positions of its first character
 * (assoc 0) and of the point just after its last one (assoc -1), and the selected words.
 * Null when nothing is selected or the editor is not bound to Yjs yet.
 */
export function selectionAnchor(editor: Editor): { anchor: EncodedAnchor; quote: string } | null {
  const { state } = editor;
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const quote = state.doc.textBetween(from, to, '\n', ' ').trim();
  if (!quote) return null;
  const binding = bindingOf(state);
  if (!binding) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition | null;
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition | null;
  if (!start || !end) return null;
  return {
    anchor: { start: encodeRelativePosition(withAssoc(binding.doc, start, 0)), end: encodeRelativePosition(withAssoc(binding.doc, end, -1)) },
    quote,
  };
}

/**
 * Give the highlight the threads to show, which one is active and which one to
 * emphasise (the card under the pointer or with the keyboard focus).
 */
export function setCommentHighlights(editor: Editor, anchors: readonly HighlightAnchor[], activeId: string | null, emphasisId: string | null = null): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(key, { anchors, activeId, emphasisId } satisfies Meta).setMeta('addToHistory', false));
}

export interface CommentHighlightOptions {
  /** Called by the keyboard shortcut (Mod-Alt-m) to comment on the selection. */
  onRequestComment: (editor: Editor) => boolean;
  /** Called when the text is clicked: with the thread whose words were clicked, or null elsewhere. */
  onActivate: (threadId: string | null) => void;
}

/**
 * The highlight's ProseMirror plugin. Its state keeps a DecorationSet computed from the
 * threads' Yjs relative positions through the current Y state: remote changes
 * recompute it from Yjs, local typing maps it and then recomputes once Yjs has the
 * change, so a highlight stays on the same words while others edit around them, and
 * after a reload.
 */
export function commentHighlightPlugin(options: Pick<CommentHighlightOptions, 'onActivate'>): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key,
    state: {
      init: () => ({ anchors: [], activeId: null, emphasisId: null, decorations: DecorationSet.empty }),
      apply: (tr: Transaction, old: HighlightState, _oldState, newState) => {
        const meta = tr.getMeta(key) as Meta | undefined;
        const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
        if (meta?.anchors || meta?.activeId !== undefined || meta?.emphasisId !== undefined || meta?.recompute || sync?.isChangeOrigin) {
          const anchors = meta?.anchors ?? old.anchors;
          const activeId = meta?.activeId !== undefined ? meta.activeId : old.activeId;
          const emphasisId = meta?.emphasisId !== undefined ? meta.emphasisId : old.emphasisId;
          return { anchors, activeId, emphasisId, decorations: decorate(newState, anchors, activeId, emphasisId) };
        }
        if (tr.docChanged) return { ...old, decorations: old.decorations.map(tr.mapping, tr.doc) };
        return old;
      },
    },
    props: {
      decorations: (state) => key.getState(state)?.decorations,
      handleClick: (view, pos) => {
        const found = key.getState(view.state)?.decorations.find(pos, pos);
        const threadId = found?.[0]?.spec?.threadId as string | undefined;
        options.onActivate(threadId ?? null);
        return false;
      },
    },
    view: (view) => {
      // After local typing reaches Yjs, recompute from the relative positions (mapping is only an estimate).
      const binding = bindingOf(view.state);
      let timer: ReturnType<typeof setTimeout> | null = null;
      const type = binding?.type ?? (ySyncPluginKey.getState(view.state) as { type?: Y.XmlFragment } | undefined)?.type;
      const onChange = () => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          if (!view.isDestroyed && (key.getState(view.state)?.anchors.length ?? 0) > 0) {
            view.dispatch(view.state.tr.setMeta(key, { recompute: true } satisfies Meta).setMeta('addToHistory', false));
          }
        }, 0);
      };
      type?.observeDeep(onChange);
      return {
        destroy: () => {
          if (timer) clearTimeout(timer);
          type?.unobserveDeep(onChange);
        },
      };
    },
  });
}

/** Highlights the words each comment thread is anchored to (see commentHighlightPlugin). */
export const CommentHighlight = Extension.create<CommentHighlightOptions>({
  name: 'accordCommentHighlight',

  addOptions() {
    return { onRequestComment: () => false, onActivate: () => undefined };
  },

  addKeyboardShortcuts() {
    return { 'Mod-Alt-m': () => this.options.onRequestComment(this.editor) };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [commentHighlightPlugin({ onActivate: (id) => options.onActivate(id) })];
  },
});
