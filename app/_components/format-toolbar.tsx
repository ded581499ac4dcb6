'use client';

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Tool {
  key: string;
  label: string;
  shortcut: string;
  icon: ReactNode;
  run: (editor: Editor) => boolean;
  /** A formatting state the button turns on and off (aria-pressed); absent for undo and redo. */
  pressed?: boolean;
  enabled: boolean;
}

const svg = (path: string) => (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path d={path} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

const ICONS = {
  bullets: svg('M6 4h8M6 8h8M6 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01'),
  numbers: svg('M7 4h7M7 8h7M7 12h7M2 3l1-.5V6M2 6h2M2 10.2c.4-.5 1.8-.5 1.8.4 0 .7-1.8 1.4-1.8 2.2h2'),
  undo: svg('M5.5 3.5 2.5 6.5l3 3M2.5 6.5H10a3.5 3.5 0 0 1 0 7H7'),
  redo: svg('M10.5 3.5l3 3-3 3M13.5 6.5H6a3.5 3.5 0 0 0 0 7h3'),
};

/**
 * Bold, italic, bulleted and numbered lists, undo and redo for the clause being edited.
 * Under the text, one tab stop (Tab from the text or Alt+F10 comes here; arrow keys move
 * between the buttons; Escape goes back to the text). Undo and redo are the collaboration extension's:
 * they take back this person's own changes only, never another delegation's.
 */
export function FormatToolbar({ editor, clauseNumber }: { editor: Editor; clauseNumber: number | null }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [current, setCurrent] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const tools: Tool[] = [
    { key: 'bold', label: 'Bold', shortcut: 'Ctrl+B', icon: <b>B</b>, pressed: state.bold, enabled: true, run: (e) => e.chain().focus().toggleBold().run() },
    {
      key: 'italic',
      label: 'Italic',
      shortcut: 'Ctrl+I',
      icon: <i>I</i>,
      pressed: state.italic,
      enabled: true,
      run: (e) => e.chain().focus().toggleItalic().run(),
    },
    {
      key: 'bullets',
      label: 'Bulleted list',
      shortcut: 'Ctrl+Shift+8',
      icon: ICONS.bullets,
      pressed: state.bullets,
      enabled: true,
      run: (e) => e.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'numbers',
      label: 'Numbered list',
      shortcut: 'Ctrl+Shift+7',
      icon: ICONS.numbers,
      pressed: state.numbers,
      enabled: true,
      run: (e) => e.chain().focus().toggleOrderedList().run(),
    },
    { key: 'undo', label: 'Undo', shortcut: 'Ctrl+Z', icon: ICONS.undo, enabled: state.canUndo, run: (e) => e.chain().focus().undo().run() },
    { key: 'redo', label: 'Redo', shortcut: 'Ctrl+Shift+Z', icon: ICONS.redo, enabled: state.canRedo, run: (e) => e.chain().focus().redo().run() },
  ];

  const move = (index: number) => {
    const next = (index + tools.length) % tools.length;
    setCurrent(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tools.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      move(moves[event.key]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      editor.commands.focus();
    }
  };

  return (
    <div
      className="format-toolbar"
      role="toolbar"
      aria-label={clauseNumber === null ? 'Formatting' : `Formatting, clause ${clauseNumber}`}
      data-testid="format-toolbar"
      onKeyDown={onKeyDown}
    >
      {tools.map((tool, i) => (
        <button
          key={tool.key}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          className={`format-toolbar__button${i === 4 ? ' format-toolbar__button--group' : ''}`}
          tabIndex={i === current ? 0 : -1}
          aria-label={tool.label}
          aria-pressed={tool.pressed}
          aria-disabled={tool.enabled ? undefined : true}
          title={`${tool.label} (${tool.shortcut})`}
          data-testid={`format-${tool.key}`}
          // Keep the text's selection: the command applies to it.
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setCurrent(i)}
          onClick={() => {
            if (tool.enabled) tool.run(editor);
          }}
        >
          {tool.icon}
        </button>
      ))}
    </div>
  );
}
