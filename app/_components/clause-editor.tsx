'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef, useState } from 'react';
import { clauseField } from '@/lib/collab/clause-field';
import type { ClauseSummary } from '@/lib/api/types';
import { caretLabel } from '@/lib/ui/people';
import { renderCaret } from './caret-render';
import { BracketHighlight } from './bracket-highlight';
import { RecordedBrackets, recordedBracketsKey, type MarkedSpan } from './brackets/recorded-brackets';
import { CommentIcon } from './comments/comment-icon';
import { FormatToolbar } from './format-toolbar';
import { CommentHighlight, selectionAnchor, setCommentHighlights, type HighlightAnchor } from './comments/comment-highlight';
import type { ComposerTarget } from './comments/clause-comments';
import type { RoomMe } from './room-types';
import type { Collab } from './use-collab';

interface ClauseEditorProps {
  clause: ClauseSummary;
  collab: Collab;
  me: RoomMe;
  editable: boolean;
  labelledBy: string;
  describedBy?: string;
  /** Brackets and alternative spans recorded on the clause, drawn over the text. */
  marks?: readonly MarkedSpan[];
  /** Receives the editor once it exists (and null when it goes), e.g. to read the selection. */
  onEditor?: (editor: Editor | null) => void;
  /** Comment threads to highlight, and what to do to comment on the selection (absent: no commenting). */
  comments?: {
    anchors: readonly HighlightAnchor[];
    activeId: string | null;
    /** The thread whose card is under the pointer or focused: its words are emphasised. */
    emphasisId?: string | null;
    /** A click on highlighted words activates their thread; a click elsewhere in the text gives null. */
    onActivate: (threadId: string | null) => void;
    /** Null when this person may not comment. */
    onComment: ((target: ComposerTarget) => void) | null;
  };
  /** Not shown yet (the server's read-only text stands in for it until it holds the text). */
  hidden?: boolean;
}

const NO_ANCHORS: readonly HighlightAnchor[] = [];

/**
 * The text of one clause, bound to its Y.XmlFragment in the draft's shared document.
 * All clause editors share the page's one provider (and so one awareness): each
 * editor only draws the carets that fall inside its own fragment.
 */
export function ClauseEditor({ clause, collab, me, editable, labelledBy, describedBy, marks, onEditor, comments, hidden = false }: ClauseEditorProps) {
  const { doc, provider } = collab;
  const fragment = useMemo(() => doc.getXmlFragment(clauseField(clause.id)), [doc, clause.id]);
  // The editor is created once; its comment callbacks read the latest props through this ref.
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const [selectionButton, setSelectionButton] = useState<{ top: number; left: number } | null>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  // The formatting toolbar shows while the focus is in this clause's text or on the toolbar.
  const [focused, setFocused] = useState(false);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        // The server replaces `user` with the authoritative name and colour; this is what we show until then.
        CollaborationCaret.configure({ provider, user: { name: caretLabel(me), color: me.color }, render: renderCaret }),
        BracketHighlight,
        RecordedBrackets,
        CommentHighlight.configure({
          onRequestComment: (ed) => requestComment(ed),
          onActivate: (threadId) => commentsRef.current?.onActivate(threadId),
        }),
      ],
      editorProps: {
        attributes: {
          class: 'clause-text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          spellcheck: 'true',
          lang: 'en',
        },
      },
    },
    [fragment, provider],
  );

  // Comment on the current selection (the button, or Ctrl/Cmd+Alt+M in the text).
  function requestComment(ed: Editor | null): boolean {
    const onComment = commentsRef.current?.onComment;
    if (!ed || ed.isDestroyed || !onComment) return false;
    const target = selectionAnchor(ed);
    if (!target) return false;
    onComment(target);
    setSelectionButton(null);
    return true;
  }

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(recordedBracketsKey, marks ?? []).setMeta('addToHistory', false));
  }, [editor, marks]);

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  const anchors = comments?.anchors ?? NO_ANCHORS;
  const activeId = comments?.activeId ?? null;
  const emphasisId = comments?.emphasisId ?? null;
  useEffect(() => {
    if (editor && !editor.isDestroyed) setCommentHighlights(editor, anchors, activeId, emphasisId);
  }, [editor, anchors, activeId, emphasisId]);

  // A "Comment" button beside the selection, for those who may comment.
  const canComment = Boolean(comments?.onComment);
  useEffect(() => {
    if (!editor || !canComment) {
      setSelectionButton(null);
      return;
    }
    const update = () => {
      const { from, to, empty } = editor.state.selection;
      const box = wrapperRef.current?.getBoundingClientRect();
      if (empty || !box || !editor.view.hasFocus() || !editor.state.doc.textBetween(from, to).trim()) {
        setSelectionButton(null);
        return;
      }
      const end = editor.view.coordsAtPos(to);
      setSelectionButton({ top: end.bottom - box.top + 6, left: Math.min(Math.max(end.left - box.left - 40, 0), box.width - 120) });
    };
    const hide = () =>
      setTimeout(() => {
        if (!wrapperRef.current?.contains(document.activeElement)) setSelectionButton(null);
      }, 150);
    editor.on('selectionUpdate', update);
    editor.on('focus', update);
    editor.on('blur', hide);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('focus', update);
      editor.off('blur', hide);
    };
  }, [editor, canComment]);

  return (
    <div
      className="clause-editor-wrap"
      ref={wrapperRef}
      hidden={hidden}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!wrapperRef.current?.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
      onKeyDown={(e) => {
        // Alt+F10: to the toolbar (the usual key for an editor's toolbar).
        if (!e.altKey || e.key !== 'F10') return;
        e.preventDefault();
        wrapperRef.current?.querySelector<HTMLElement>('.format-toolbar [tabindex="0"]')?.focus();
      }}
    >
      <EditorContent editor={editor} className="clause-editor" data-editable={editable ? 'true' : 'false'} />
      {editor && editable && focused ? <FormatToolbar editor={editor} clauseNumber={clause.number} /> : null}
      {selectionButton ? (
        <button
          type="button"
          className="comment-selection-button"
          style={{ top: selectionButton.top, left: selectionButton.left }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => requestComment(editor)}
          title="Comment on the selected words (Ctrl+Alt+M)"
          data-testid="comment-selection"
        >
          <CommentIcon /> Comment
        </button>
      ) : null}
    </div>
  );
}
