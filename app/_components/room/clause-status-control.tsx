'use client';

import { clauseLabel } from '@/lib/domain/clause-number';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ClauseStatusDto, ConsensusDto } from '@/lib/api/types';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { CLAUSE_STATUS_LABELS } from '@/lib/domain/vocabulary';
import { allowedTransitions, canEnterSilence, needsConsensus } from '@/lib/domain/status-workflow';
import { ApiError } from '../api-client';
import { summariseConsensus } from '../negotiation/consensus-badge';
import { Modal, ModalFooter } from '../ui/modal';
import { setClauseStatus } from './room-api';
import { handleMenuKey } from '../menu-keys';

interface ClauseStatusControlProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number | null;
  status: ClauseStatus;
  consensus: ConsensusDto | undefined;
  /** The server accepted a change: merge it at once (its event follows). */
  onStatusChanged: (status: ClauseStatusDto) => void;
  /** Opens the silence dialog with this clause ticked. */
  onStartSilence: (clauseId: string) => void;
  /** Opens the dialog that cancels the clause's running silence procedure, when there is one. */
  onCancelSilence?: () => void;
}

type Item = { kind: 'status'; to: ClauseStatus } | { kind: 'silence' } | { kind: 'cancel' };

/** What each move means, as the secretariat would say it. */
function itemLabel(from: ClauseStatus, to: ClauseStatus): string {
  if (to === 'negotiating') return from === 'drafting' ? 'Open for negotiation' : from === 'withdrawn' ? 'Reinstate: negotiating' : 'Reopen for negotiation';
  if (to === 'drafting') return from === 'withdrawn' ? 'Reinstate: drafting' : 'Back to drafting';
  if (to === 'agreed_ad_ref') return 'Agreed ad referendum';
  if (to === 'agreed') return 'Agreed';
  if (to === 'withdrawn') return 'Withdraw the clause';
  return CLAUSE_STATUS_LABELS[to];
}

interface OverrideDialogProps {
  clauseNumber: number | null;
  to: ClauseStatus;
  consensus: ConsensusDto | undefined;
  /** The server's refusal, when it is what opened the dialog. */
  serverMessage?: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}

/** Agreeing without consensus: the reason is asked for, and recorded with the change. */
function OverrideDialog({ clauseNumber, to, consensus, serverMessage, onClose, onSubmit }: OverrideDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summary = consensus ? summariseConsensus(consensus) : null;
  const label = CLAUSE_STATUS_LABELS[to].toLowerCase();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) {
      setError('Give the reason for agreeing without consensus: it is recorded with the change.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The status could not be changed.');
      setBusy(false);
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="override-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Record {clauseLabel(clauseNumber).toLowerCase()} as {label} without consensus?
        </h2>
        <div id={`${id}-desc`} className="modal__body">
          <p>
            {consensus?.state === 'blocked' ? 'The clause is blocked: ' : 'The clause has no consensus yet: '}
            agreeing now overrides what the delegations have said. The reason is recorded with the change and in the audit log.
          </p>
          {serverMessage ? (
            <p className="modal__server" role="alert">
              {serverMessage}
            </p>
          ) : summary ? (
            <ul className="modal__missing" role="list">
              {summary.full.split('\n').map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="modal__field">
          <label htmlFor={`${id}-reason`}>Reason for agreeing without consensus</label>
          <textarea id={`${id}-reason`} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-autofocus />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="danger" submitLabel={`Record as ${label}`} busyLabel="Recording…" />
      </form>
    </Modal>
  );
}

/** One move in the status menu: a status (with whether agreeing needs an override), or starting or cancelling silence. */
function StatusMenuItem({
  item,
  status,
  consensus,
  onChoose,
}: {
  item: Item;
  status: ClauseStatus;
  consensus: ConsensusDto | undefined;
  onChoose: (item: Item) => void;
}) {
  if (item.kind === 'status') {
    const agreeing = needsConsensus(item.to);
    const noConsensus = agreeing && consensus?.state !== 'consensus';
    return (
      <button type="button" role="menuitem" tabIndex={-1} className="status-menu__item" data-status={item.to} onClick={() => onChoose(item)}>
        <span className={`status-menu__dot status-menu__dot--${item.to}`} aria-hidden="true" />
        <span className="status-menu__text">
          {itemLabel(status, item.to)}
          {agreeing ? (
            <span className={`status-menu__hint${noConsensus ? ' is-warn' : ''}`}>
              {noConsensus ? 'No consensus: asks for an override reason' : 'Consensus: no objection'}
            </span>
          ) : null}
        </span>
      </button>
    );
  }
  return (
    <button type="button" role="menuitem" tabIndex={-1} className={`status-menu__item status-menu__item--${item.kind}`} onClick={() => onChoose(item)}>
      <span className="status-menu__dot status-menu__dot--silence" aria-hidden="true" />
      <span className="status-menu__text">{item.kind === 'silence' ? 'Start silence procedure…' : 'Cancel the silence procedure…'}</span>
    </button>
  );
}

/**
 * The secretariat's control on a clause: "Change status" opens a menu of the moves the
 * workflow allows from here, plus starting (or cancelling) a silence procedure.
 * Agreeing without consensus asks for the override reason first.
 */
export function ClauseStatusControl({
  draftId,
  clauseId,
  clauseNumber,
  status,
  consensus,
  onStatusChanged,
  onStartSilence,
  onCancelSilence,
}: ClauseStatusControlProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [override, setOverride] = useState<{ to: ClauseStatus; serverMessage?: string } | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  const items: Item[] = [
    ...allowedTransitions(status).map((to): Item => ({ kind: 'status', to })),
    ...(canEnterSilence(status) ? [{ kind: 'silence' } as const] : []),
    ...(status === 'silence' && onCancelSilence ? [{ kind: 'cancel' } as const] : []),
  ];

  // Close on a click outside; focus the first item on opening.
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  // A status that changed under us (live) makes an error about the old one moot.
  useEffect(() => setError(null), [status]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    handleMenuKey(event, menuRef.current, { close, dismiss: () => setOpen(false) });
  }

  async function change(to: ClauseStatus, reason?: string) {
    onStatusChanged(await setClauseStatus(draftId, clauseId, to, reason));
  }

  async function choose(item: Item) {
    close();
    setError(null);
    if (item.kind === 'silence') {
      onStartSilence(clauseId);
      return;
    }
    if (item.kind === 'cancel') {
      onCancelSilence?.();
      return;
    }
    const { to } = item;
    if (needsConsensus(to) && consensus?.state !== 'consensus') {
      setOverride({ to });
      return;
    }
    setBusy(true);
    try {
      await change(to);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && needsConsensus(to)) setOverride({ to, serverMessage: err.message });
      else setError(err instanceof Error ? err.message : 'The status could not be changed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="status-control" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="status-control__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((o) => !o)}
        disabled={busy}
      >
        {busy ? 'Changing…' : 'Change status'}
        <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div className="status-menu" role="menu" id={`${id}-menu`} aria-label="Clause status" ref={menuRef} onKeyDown={onMenuKey}>
          <p className="status-menu__head" aria-hidden="true">
            {clauseLabel(clauseNumber)} · now {CLAUSE_STATUS_LABELS[status].toLowerCase()}
          </p>
          {items.length === 0 ? <p className="status-menu__empty">No change of status is possible from here.</p> : null}
          {items.map((item) => (
            <StatusMenuItem
              key={item.kind === 'status' ? item.to : item.kind}
              item={item}
              status={status}
              consensus={consensus}
              onChoose={(chosen) => void choose(chosen)}
            />
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="form-error status-control__error" role="alert">
          {error}
        </p>
      ) : null}
      {override ? (
        <OverrideDialog
          clauseNumber={clauseNumber}
          to={override.to}
          consensus={consensus}
          serverMessage={override.serverMessage}
          onClose={() => setOverride(null)}
          onSubmit={async (reason) => {
            await change(override.to, reason);
            setOverride(null);
          }}
        />
      ) : null}
    </div>
  );
}
