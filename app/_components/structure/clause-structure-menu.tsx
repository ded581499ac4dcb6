'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ClauseSummary } from '@/lib/api/types';
import { handleMenuKey } from '../menu-keys';
import { clauseParagraphs } from './paragraphs';
import { addClause, mergeClause, renameClause, splitClause } from './structure-api';
import { useStructure, type StructureControls } from './structure-context';
import { ClauseTitleDialog, MergeDialog, SplitDialog } from './structure-dialogs';

type Action = 'rename' | 'add' | 'split' | 'merge' | 'up' | 'down';
type Dialog = Exclude<Action, 'up' | 'down'>;

/** Why a clause cannot be split or merged now (null when it can). */
function restructuringRefusal(clause: ClauseSummary | undefined): string | null {
  if (!clause) return 'There is no clause before it.';
  if (clause.status === 'withdrawn') return 'Withdrawn: reinstate it first.';
  if (clause.status === 'silence') return 'Under silence: end the procedure first.';
  return null;
}

interface Item {
  action: Action;
  label: string;
  hint?: string;
  disabled?: string | null;
}

function itemsFor(clause: ClauseSummary, index: number, list: readonly ClauseSummary[]): Item[] {
  const previous = index > 0 ? list[index - 1] : undefined;
  return [
    { action: 'rename', label: 'Rename…' },
    { action: 'add', label: 'Add a clause after…' },
    { action: 'split', label: 'Split at a paragraph…', disabled: restructuringRefusal(clause) },
    { action: 'merge', label: 'Merge into the previous clause…', disabled: restructuringRefusal(clause) ?? restructuringRefusal(previous) },
    { action: 'up', label: 'Move up', hint: 'Alt+↑', disabled: index === 0 ? 'Already first.' : null },
    { action: 'down', label: 'Move down', hint: 'Alt+↓', disabled: index === list.length - 1 ? 'Already last.' : null },
  ];
}

/** Move a clause one place with Alt+ArrowUp / Alt+ArrowDown; true when the key was handled. */
export function moveByKey(event: KeyboardEvent, controls: StructureControls, clauseId: string): boolean {
  if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return false;
  event.preventDefault();
  const index = controls.clauses.findIndex((c) => c.id === clauseId);
  if (index >= 0) void controls.moveTo(clauseId, index + (event.key === 'ArrowUp' ? -1 : 1));
  return true;
}

function StructureDialog({
  dialog,
  clause,
  previous,
  controls,
  onClose,
}: {
  dialog: Dialog;
  clause: ClauseSummary;
  previous: ClauseSummary | undefined;
  controls: StructureControls;
  onClose: () => void;
}) {
  const { draftId, notify } = controls;
  if (dialog === 'rename')
    return (
      <ClauseTitleDialog mode="rename" clause={clause} onClose={onClose} onSubmit={async (title) => void (await renameClause(draftId, clause.id, title))} />
    );
  if (dialog === 'add') {
    return (
      <ClauseTitleDialog
        mode="add"
        clause={clause}
        onClose={onClose}
        onSubmit={async (title, text) => {
          const added = await addClause(draftId, { title, afterClauseId: clause.id, text });
          notify('ok', 'clause-added', `Clause ${added.number ?? ''} “${added.title}” added.`);
        }}
      />
    );
  }
  if (dialog === 'split') {
    return (
      <SplitDialog
        clause={clause}
        paragraphs={clauseParagraphs(controls.doc, clause.id)}
        onClose={onClose}
        onSubmit={async (at, title) => void (await splitClause(draftId, clause.id, at, title))}
      />
    );
  }
  if (!previous) return null;
  return <MergeDialog clause={clause} into={previous} onClose={onClose} onSubmit={async () => void (await mergeClause(draftId, clause.id))} />;
}

/**
 * The secretariat's structure menu on a clause: rename, add a clause after it, split it,
 * merge it into the previous clause, move it up or down (also Alt+↑ / Alt+↓ on the
 * button, and drag and drop in the outline). Nothing for anyone else.
 */
export function ClauseStructureMenu({ clause }: { clause: ClauseSummary }) {
  const controls = useStructure();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (!controls?.enabled) return null;
  const index = controls.clauses.findIndex((c) => c.id === clause.id);
  if (index < 0) return null;
  const items = itemsFor(clause, index, controls.clauses);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const choose = (item: Item) => {
    if (item.disabled) return;
    close();
    if (item.action === 'up' || item.action === 'down') void controls.moveTo(clause.id, index + (item.action === 'up' ? -1 : 1));
    else setDialog(item.action);
  };

  return (
    <div className="status-control structure-control" ref={wrapRef} data-testid="clause-structure">
      <button
        ref={buttonRef}
        type="button"
        className="status-control__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
        title="Rename, add, split, merge or move (Alt+↑ / Alt+↓)"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => moveByKey(e, controls, clause.id)}
      >
        Clause
        <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div
          className="status-menu"
          role="menu"
          id={`${id}-menu`}
          aria-label="Clause structure"
          ref={menuRef}
          onKeyDown={(e) => handleMenuKey(e, menuRef.current, { close, dismiss: () => setOpen(false) })}
        >
          {items.map((item) => (
            <button
              key={item.action}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="status-menu__item"
              data-action={item.action}
              aria-disabled={item.disabled ? true : undefined}
              onClick={() => choose(item)}
            >
              <span className="status-menu__text">
                {item.label}
                {item.disabled ? (
                  <span className="status-menu__hint">{item.disabled}</span>
                ) : item.hint ? (
                  <span className="status-menu__hint">{item.hint}</span>
                ) : null}
              </span>
            </button>
          ))}
        </div>
      ) : null}
      {dialog ? (
        <StructureDialog dialog={dialog} clause={clause} previous={controls.clauses[index - 1]} controls={controls} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
