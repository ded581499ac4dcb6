'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo } from 'react';
import { clauseField } from '@/lib/collab/clause-field';
import type { ClauseSummary } from '@/lib/api/types';
import { caretLabel } from '@/lib/ui/people';
import { BracketHighlight } from './bracket-highlight';
import type { RoomMe } from './room-types';
import type { Collab } from './use-collab';

interface ClauseEditorProps {
  clause: ClauseSummary;
  collab: Collab;
  me: RoomMe;
  editable: boolean;
  labelledBy: string;
  describedBy?: string;
}

/**
 * The text of one clause, bound to its Y.XmlFragment in the draft's shared document.
 * All clause editors share the page's one provider (and so one awareness): each
 * editor only draws the carets that fall inside its own fragment.
 */
export function ClauseEditor({ clause, collab, me, editable, labelledBy, describedBy }: ClauseEditorProps) {
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

  return <EditorContent editor={editor} className="clause-editor" data-editable={editable ? 'true' : 'false'} />;
}
