'use client';

import { useEffect, useId, useState } from 'react';
import { Modal } from './ui/modal';

interface Shortcut {
  keys: string[][];
  does: string;
}

/** Every keyboard path of the app that is not plain Tab/Enter/Space, by where it works. */
export const SHORTCUTS: Array<{ where: string; list: Shortcut[] }> = [
  {
    where: 'Everywhere',
    list: [
      { keys: [['?']], does: 'Show this list of shortcuts' },
      { keys: [['Tab'], ['Shift', 'Tab']], does: 'Next or previous control; the first stop is “Skip to content”' },
      { keys: [['Esc']], does: 'Close a dialog, menu or drawer; focus goes back to what opened it' },
      { keys: [['↑'], ['↓'], ['Home'], ['End']], does: 'Move within a menu (export, account, clause status, clause structure)' },
    ],
  },
  {
    where: 'In the text of a clause',
    list: [
      {
        keys: [
          ['Ctrl', 'B'],
          ['Ctrl', 'I'],
        ],
        does: 'Bold, italic',
      },
      {
        keys: [
          ['Ctrl', 'Shift', '8'],
          ['Ctrl', 'Shift', '7'],
        ],
        does: 'Bulleted list, numbered list',
      },
      {
        keys: [
          ['Ctrl', 'Z'],
          ['Ctrl', 'Shift', 'Z'],
        ],
        does: 'Undo, redo',
      },
      { keys: [['Alt', 'F10']], does: 'Go to the formatting toolbar (then ← →, Esc back to the text)' },
      { keys: [['Ctrl', 'Alt', 'M']], does: 'Comment on the selected words' },
    ],
  },
  {
    where: 'Comments',
    list: [
      { keys: [['Enter']], does: 'On a comment: show it in the text and reply' },
      { keys: [['Ctrl', 'Enter']], does: 'Post the comment or reply being written' },
      { keys: [['Esc']], does: 'Leave the comment' },
    ],
  },
  {
    where: 'Clause outline (secretariat)',
    list: [
      {
        keys: [
          ['Alt', '↑'],
          ['Alt', '↓'],
        ],
        does: 'Move the clause up or down',
      },
    ],
  },
  {
    where: 'Consensus matrix (dashboard)',
    list: [
      { keys: [['←'], ['→'], ['↑'], ['↓']], does: 'Move from cell to cell' },
      { keys: [['Home'], ['End']], does: 'First or last cell of the row' },
      {
        keys: [
          ['Ctrl', 'Home'],
          ['Ctrl', 'End'],
        ],
        does: 'First or last cell of the matrix',
      },
      { keys: [['Page Up'], ['Page Down']], does: 'Ten clauses up or down' },
    ],
  },
];

/** Typing in a field, a select or the text: `?` is a character there, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Keys({ keys }: { keys: string[][] }) {
  return (
    <>
      {keys.map((combo, i) => (
        <span key={combo.join('+')} className="shortcuts__combo">
          {i > 0 ? <span className="shortcuts__or"> or </span> : null}
          {combo.map((k, j) => (
            <span key={k}>
              {j > 0 ? '+' : null}
              <kbd>{k}</kbd>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}

/**
 * The keyboard shortcuts sheet: `?` anywhere outside a field opens it, and so does the
 * "Keyboard shortcuts" link that appears on focus after "Skip to content". A modal dialog:
 * Escape or Close shuts it and focus goes back where it was (docs/ui-contract.md, "Keyboard").
 */
export function ShortcutsSheet() {
  const id = useId();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="skip-link skip-link--second" onClick={() => setOpen(true)} aria-keyshortcuts="?">
        Keyboard shortcuts
      </button>
      {open ? (
        <Modal labelledBy={`${id}-title`} onClose={() => setOpen(false)} className="modal--wide shortcuts" testId="shortcuts-sheet">
          <div className="modal__form">
            <h2 className="modal__title" id={`${id}-title`}>
              Keyboard shortcuts
            </h2>
            <p className="modal__body">On a Mac, ⌘ takes the place of Ctrl. Every action is also reached with Tab and Enter or Space.</p>
            {SHORTCUTS.map((group) => (
              <section key={group.where} className="shortcuts__group">
                <h3 className="shortcuts__where">{group.where}</h3>
                <dl className="shortcuts__list">
                  {group.list.map((s) => (
                    <div key={s.does} className="shortcuts__item">
                      <dt>
                        <Keys keys={s.keys} />
                      </dt>
                      <dd>{s.does}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
            <div className="modal__actions">
              <button type="button" className="button button--primary button--small" onClick={() => setOpen(false)} data-autofocus>
                Close
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </>
  );
}
