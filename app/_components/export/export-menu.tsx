'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { notAdoptedReason, type AdoptionInput } from '@/lib/domain/adopted-text';
import { downloadExport } from './download-export';
import { handleMenuKey } from '../menu-keys';

interface ExportMenuProps {
  draftId: string;
  title: string;
  /**
   * The secretariat's view of the draft (its state and its clauses' statuses as shown):
   * adds the adopted text, offered once the draft is closed or every clause is agreed.
   * Left out for everyone else.
   */
  adoption?: AdoptionInput;
}

interface ExportChoice {
  key: string;
  label: string;
  hint: string;
  /** The endpoint under /api/drafts/:id/ and its query. */
  path: string;
  /** What the button says while the file is prepared. */
  busy: string;
  extension: 'docx' | 'pdf';
  /** The file name without the extension, when the server names none. */
  name?: string;
}

const CHOICES: ExportChoice[] = [
  {
    key: 'docx',
    label: 'Word document (DOCX)',
    hint: 'Numbered clauses; brackets and ALT wordings kept',
    path: 'export?format=docx',
    busy: 'Preparing DOCX…',
    extension: 'docx',
  },
  {
    key: 'docx-annex',
    label: 'Word with positions annex',
    hint: 'Adds each delegation’s position per clause',
    path: 'export?format=docx&annex=positions',
    busy: 'Preparing DOCX…',
    extension: 'docx',
  },
  { key: 'pdf', label: 'PDF for printing', hint: 'A4, marked as a draft, numbered pages', path: 'export?format=pdf', busy: 'Preparing PDF…', extension: 'pdf' },
  {
    key: 'pdf-annex',
    label: 'PDF with positions annex',
    hint: 'The PDF and the table of positions',
    path: 'export?format=pdf&annex=positions',
    busy: 'Preparing PDF…',
    extension: 'pdf',
  },
];

const ADOPTED_CHOICES: ExportChoice[] = [
  {
    key: 'adopted-docx',
    label: 'Adopted text (DOCX)',
    hint: 'Final wording, cover and statements annex',
    path: 'export/adopted?format=docx',
    busy: 'Preparing DOCX…',
    extension: 'docx',
    name: 'adopted text',
  },
  {
    key: 'adopted-pdf',
    label: 'Adopted text (PDF)',
    hint: 'The same, for printing',
    path: 'export/adopted?format=pdf',
    busy: 'Preparing PDF…',
    extension: 'pdf',
    name: 'adopted text',
  },
];

/** One file of the menu; a disabled one (`aria-disabled`, still reachable with the arrows) is described by why. */
function ChoiceItem({ choice, disabledBy, onChoose }: { choice: ExportChoice; disabledBy?: string; onChoose: (choice: ExportChoice) => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className="status-menu__item"
      data-export={choice.key}
      aria-disabled={disabledBy ? true : undefined}
      aria-describedby={disabledBy}
      onClick={() => (disabledBy ? undefined : onChoose(choice))}
    >
      <span className={`export-menu__badge export-menu__badge--${choice.extension}`} aria-hidden="true">
        {choice.extension.toUpperCase()}
      </span>
      <span className="status-menu__text">
        {choice.label}
        <span className="export-menu__hint">{disabledBy ? 'Not available yet' : choice.hint}</span>
      </span>
    </button>
  );
}

/**
 * "Export": the draft's current text as a Word document or a PDF, with or without the
 * annex of positions, the way texts are circulated to capitals. A menu button (arrow
 * keys, Home/End, Escape); the button shows that the file is being prepared, and a
 * refusal is shown with the server's own words.
 */
export function ExportMenu({ draftId, title, adoption }: ExportMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const adoptedReason = adoption ? notAdoptedReason(adoption) : null;

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    handleMenuKey(event, menuRef.current, { close, dismiss: () => setOpen(false) });
  }

  async function choose(choice: ExportChoice) {
    close();
    setError(null);
    setDone(null);
    setBusy(choice);
    try {
      const name = await downloadExport(
        `/api/drafts/${encodeURIComponent(draftId)}/${choice.path}`,
        `${title}${choice.name ? ` ${choice.name}` : ''}.${choice.extension}`,
      );
      setDone(`Downloaded ${name}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The export failed. Try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export-control" ref={wrapRef} data-testid="export-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary button--small export-control__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-busy={busy ? true : undefined}
        onClick={() => setOpen((o) => !o)}
        disabled={busy !== null}
        title="Download the current text to circulate it"
      >
        {busy ? (
          <>
            <span className="export-control__spinner" aria-hidden="true" />
            {busy.busy}
          </>
        ) : (
          <>
            Export
            <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
              <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </>
        )}
      </button>
      {open ? (
        <div className="status-menu export-menu" role="menu" id={`${id}-menu`} aria-label="Export the current text" ref={menuRef} onKeyDown={onMenuKey}>
          <p className="status-menu__head" aria-hidden="true">
            Export the current text
          </p>
          {CHOICES.map((choice) => (
            <ChoiceItem key={choice.key} choice={choice} onChoose={(c) => void choose(c)} />
          ))}
          {adoption ? (
            <>
              <p className="status-menu__head export-menu__section" aria-hidden="true">
                Adopted text
              </p>
              {adoptedReason ? (
                <p className="export-menu__reason" id={`${id}-adopted-reason`} data-testid="adopted-reason">
                  {adoptedReason}
                </p>
              ) : null}
              {ADOPTED_CHOICES.map((choice) => (
                <ChoiceItem key={choice.key} choice={choice} disabledBy={adoptedReason ? `${id}-adopted-reason` : undefined} onChoose={(c) => void choose(c)} />
              ))}
            </>
          ) : null}
        </div>
      ) : null}
      <p className="visually-hidden" role="status">
        {busy ? busy.busy : done}
      </p>
      {error ? (
        <div className="form-error export-control__error" role="alert" data-testid="export-error">
          <p>
            <strong>Export failed.</strong> {error}
          </p>
          <button type="button" className="button button--ghost button--small" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
