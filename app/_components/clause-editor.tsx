'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo } from 'react';
import { clauseField } from '@/lib/collab/clause-field';
import type { ClauseSummary } from '@/lib/api/types';
import { caretLabel } from '@/lib/ui/people';
import { BracketHighlight } from './bracket-highlight';
import { RecordedBrackets, recordedBracketsKey, type MarkedSpan } from './brackets/recorded-brackets';
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
}

/**
 * The text of one clause, bound to its Y.XmlFragment in the draft's shared document.
 * All clause editors share the page's one provider (and so one awareness): each
 * editor only draws the carets that fall inside its own fragment.
 */
export function ClauseEditor({ clause, collab, me, editable, labelledBy, describedBy, marks, onEditor }: ClauseEditorProps) {
  const { doc, provider } = collab;
  const fragment = useMemo(() => doc.getXmlFragment(clauseField(clause.id)), [doc, clause.id]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        // The server replaces `user` with the authoritative name and colour; this is what we show until then.
        CollaborationCaret.configure({ provider, user: { name: caretLabel(me), color: me.color } }),
        BracketHighlight,
        RecordedBrackets,
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

  return <EditorContent editor={editor} className="clause-editor" data-editable={editable ? 'true' : 'false'} />;
}
