'use client';

import { useId, useState, type FormEvent } from 'react';
import type { SilenceProcedureDto } from '@/lib/api/types';
import { breakSilence } from '../negotiation/negotiation-api';
import { SilenceCountdown } from '../negotiation/silence-countdown';
import { useNow } from '../negotiation/use-now';
import { clauseList, formatDeadlineUtc } from '../ui/format';
import { Modal, ModalFooter } from '../ui/modal';
import { cancelSilence } from './room-api';

interface ReasonDialogProps {
  title: string;
  lede: string;
  confirmLabel: string;
  busyLabel: string;
  dismissLabel: string;
  tone: 'danger' | 'primary';
  testId: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}

/** A dialog that asks for a reason (at least a few words) before doing something everyone will see. */
function ReasonDialog({ title, lede, confirmLabel, busyLabel, dismissLabel, tone, testId, onClose, onSubmit }: ReasonDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) {
      setError('Give a reason of at least a few words: it is circulated to every participant.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'This could not be done.');
      setBusy(false);
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId={testId}>
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          {title}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          {lede}
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <textarea id={`${id}-reason`} rows={3} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} data-autofocus />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} cancelLabel={dismissLabel} tone={tone} submitLabel={confirmLabel} busyLabel={busyLabel} />
      </form>
    </Modal>
  );
}

interface CancelSilenceDialogProps {
  draftId: string;
  procedure: SilenceProcedureDto;
  clauseNumbers: readonly number[];
  onClose: () => void;
  onCancelled: (procedure: SilenceProcedureDto) => void;
}

/** The secretariat ends a running procedure early; its clauses go back to their previous status. */
export function CancelSilenceDialog({ draftId, procedure, clauseNumbers, onClose, onCancelled }: CancelSilenceDialogProps) {
  return (
    <ReasonDialog
      title="Cancel the silence procedure?"
      lede={`The procedure on ${clauseList(clauseNumbers)} ends now, before its deadline: nothing is agreed, and the clauses return to the status they had before. Every participant sees the reason.`}
      confirmLabel="Cancel procedure"
      busyLabel="Cancelling…"
      dismissLabel="Keep it running"
      tone="danger"
      testId="cancel-silence-dialog"
      onClose={onClose}
      onSubmit={async (reason) => {
        onCancelled(await cancelSilence(draftId, procedure.id, reason));
        onClose();
      }}
    />
  );
}

interface SilenceBannerProps {
  draftId: string;
  /** The running procedure covering the clause; undefined while it is still on its way. */
  procedure: SilenceProcedureDto | undefined;
  /** Numbers of every clause the procedure covers (this one included). */
  clauseNumbers: readonly number[];
  clauseNumber: number;
  /** A participating delegate: may break silence for their delegation. */
  canBreak: boolean;
  /** Delegations whose mandate lets this delegate break silence for them (the mandate says so and covers every clause). */
  breakFor?: readonly string[];
  delegation: string | null;
  /** The secretariat: may cancel the procedure. */
  onCancel?: () => void;
  /** Why the text is locked for this person, shown in the banner rather than on its own. */
  readOnlyReason: string | null;
  onBroken: (procedure: SilenceProcedureDto) => void;
}

/**
 * The banner of a clause under silence: the deadline and a live countdown, what
 * happens at the deadline, and "Break silence" for a delegation (with its reason), also
 * for each delegation whose mandate allows it ("Break silence for HU"), or
 * "Cancel procedure" for the secretariat.
 */
export function SilenceBanner({
  draftId,
  procedure,
  clauseNumbers,
  clauseNumber,
  canBreak,
  breakFor = [],
  delegation,
  onCancel,
  readOnlyReason,
  onBroken,
}: SilenceBannerProps) {
  // Whose silence is being broken: our own delegation ('own') or one that gave us a mandate.
  const [breaking, setBreaking] = useState<string | null>(null);
  const breaker = breaking === 'own' ? delegation : breaking;
  const now = useNow();
  const deadline = procedure ? new Date(procedure.deadline) : null;
  const passed = deadline !== null && now !== null && deadline.getTime() <= now;
  const others = clauseNumbers.filter((n) => n !== clauseNumber);

  return (
    <div
      className={`silence-banner${passed ? ' is-passed' : ''}`}
      data-testid="silence-banner"
      data-silence-id={procedure?.id ?? ''}
      role="group"
      aria-label={`Silence procedure on clause ${clauseNumber}`}
    >
      <div className="silence-banner__main">
        <p className="silence-banner__title">
          <span className="silence-banner__label">Under silence procedure</span>
          {procedure ? <SilenceCountdown deadline={procedure.deadline} /> : null}
        </p>
        <p className="silence-banner__text">
          {!deadline
            ? 'Unless a delegation breaks silence before the deadline, this clause is agreed.'
            : passed
              ? `The deadline (${formatDeadlineUtc(deadline)}) has passed without silence being broken: the clause is being recorded as agreed.`
              : `Unless a delegation breaks silence before ${formatDeadlineUtc(deadline)}, this clause is agreed.`}
          {others.length > 0 ? ` The procedure also covers ${clauseList(others)}.` : ''}
        </p>
        {procedure?.note ? (
          <p className="silence-banner__note">
            “{procedure.note}” — {procedure.startedBy}
          </p>
        ) : null}
        {readOnlyReason ? (
          <p className="silence-banner__lock" data-testid="readonly-notice">
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
              <path
                d="M4.5 7V5a3.5 3.5 0 1 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 1 0-4 0v2Z"
                fill="currentColor"
              />
            </svg>
            {readOnlyReason}
          </p>
        ) : null}
      </div>
      {procedure && !passed && (canBreak || onCancel) ? (
        <div className="silence-banner__actions">
          {canBreak ? (
            <button type="button" className="button button--break button--small" onClick={() => setBreaking('own')}>
              Break silence
            </button>
          ) : null}
          {canBreak
            ? breakFor.map((code) => (
                <button
                  key={code}
                  type="button"
                  className="button button--break button--small"
                  onClick={() => setBreaking(code)}
                  data-testid="break-silence-for"
                  data-for={code}
                >
                  Break silence for {code}
                </button>
              ))
            : null}
          {onCancel ? (
            <button type="button" className="button button--ghost button--small" onClick={onCancel}>
              Cancel procedure
            </button>
          ) : null}
        </div>
      ) : null}
      {breaking && procedure ? (
        <ReasonDialog
          title={breaking === 'own' ? `Break silence on ${clauseList(clauseNumbers)}?` : `Break silence for ${breaking} on ${clauseList(clauseNumbers)}?`}
          lede={`${breaking !== 'own' ? `Under ${breaking}'s mandate, ${delegation ?? 'you'} breaks silence for ${breaking}` : breaker ? `${breaker} breaks silence` : 'You break silence'}: the procedure ends at once${others.length ? ' for every clause it covers' : ''}, ${clauseNumbers.length === 1 ? 'the clause goes' : 'the clauses go'} back to negotiating, and every participant sees your reason.`}
          confirmLabel="Break silence"
          busyLabel="Breaking…"
          dismissLabel="Keep silence"
          tone="danger"
          testId="break-silence-dialog"
          onClose={() => setBreaking(null)}
          onSubmit={async (reason) => {
            onBroken(await breakSilence(draftId, procedure.id, reason, breaking === 'own' ? undefined : breaking));
            setBreaking(null);
          }}
        />
      ) : null}
    </div>
  );
}
