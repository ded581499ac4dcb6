'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ClauseSummary, ConsensusDto, SilenceProcedureDto } from '@/lib/api/types';
import { CLAUSE_STATUS_LABELS } from '@/lib/domain/vocabulary';
import { canEnterSilence } from '@/lib/domain/status-workflow';
import { ApiError } from '../api-client';
import { ConsensusBadge } from '../negotiation/consensus-badge';
import { formatDeadlineUtc, formatIn, fromLocalInputValue, toLocalInputValue } from '../ui/format';
import { Modal, ModalFooter } from '../ui/modal';
import { startSilence } from './room-api';

interface StartSilenceDialogProps {
  draftId: string;
  /** Every clause of the draft with its live status. */
  clauses: readonly ClauseSummary[];
  consensus: ReadonlyMap<string, ConsensusDto> | undefined;
  /** Clauses ticked when the dialog opens (e.g. the clause it was opened from). */
  preselected: readonly string[];
  onClose: () => void;
  onStarted: (procedure: SilenceProcedureDto) => void;
}

const QUICK_PICKS: Array<{ label: string; hours: number }> = [
  { label: '24 h', hours: 24 },
  { label: '48 h', hours: 48 },
  { label: '1 week', hours: 24 * 7 },
];

/** Now plus `hours`, to the minute. */
function after(hours: number): Date {
  const d = new Date(Date.now() + hours * 3_600_000);
  d.setSeconds(0, 0);
  return d;
}

function timeZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your local time';
  } catch {
    return 'your local time';
  }
}

interface SilenceClausePickerProps {
  /** The clauses the workflow allows under silence. */
  eligible: readonly ClauseSummary[];
  selected: ReadonlySet<string>;
  consensus: ReadonlyMap<string, ConsensusDto> | undefined;
  onPick: (clauseIds: ReadonlySet<string>) => void;
  onToggle: (clauseId: string, on: boolean) => void;
}

/** The clauses to put under silence, with quick selections (those with consensus, all, none). */
function SilenceClausePicker({ eligible, selected, consensus, onPick, onToggle }: SilenceClausePickerProps) {
  const withConsensus = eligible.filter((c) => consensus?.get(c.id)?.state === 'consensus');
  return (
    <fieldset className="modal__fieldset">
      <legend>
        Clauses <span className="cneg__count">{selected.size} selected</span>
      </legend>
      {eligible.length === 0 ? (
        <p className="cneg__muted">No clause can be put under silence now: only drafting, negotiating and agreed ad ref. clauses can.</p>
      ) : (
        <>
          <p className="silence-pick__quick">
            Select:{' '}
            <button type="button" className="linkish" onClick={() => onPick(new Set(withConsensus.map((c) => c.id)))} disabled={withConsensus.length === 0}>
              those with consensus ({withConsensus.length})
            </button>{' '}
            ·{' '}
            <button type="button" className="linkish" onClick={() => onPick(new Set(eligible.map((c) => c.id)))}>
              all ({eligible.length})
            </button>{' '}
            ·{' '}
            <button type="button" className="linkish" onClick={() => onPick(new Set())}>
              none
            </button>
          </p>
          <ul className="silence-pick" role="list">
            {eligible.map((c) => {
              const state = consensus?.get(c.id)?.state;
              return (
                <li key={c.id}>
                  <label className="silence-pick__row">
                    <input type="checkbox" checked={selected.has(c.id)} onChange={(e) => onToggle(c.id, e.target.checked)} data-clause-number={c.number} />
                    <span className="silence-pick__number">{c.number}.</span>
                    <span className="silence-pick__title">{c.title}</span>
                    <span className="silence-pick__status">{CLAUSE_STATUS_LABELS[c.status]}</span>
                    {state ? <ConsensusBadge state={state} /> : null}
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </fieldset>
  );
}

/** The deadline, in the person's own time zone, with quick picks and what delegations will see in UTC. */
function DeadlineField({ deadline, onChange }: { deadline: string; onChange: (value: string) => void }) {
  const id = useId();
  const zone = useMemo(timeZoneName, []);
  const at = fromLocalInputValue(deadline);
  return (
    <div className="modal__field">
      <label htmlFor={`${id}-deadline`}>Deadline</label>
      <div className="deadline-row">
        <input
          id={`${id}-deadline`}
          type="datetime-local"
          step={1}
          value={deadline}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${id}-deadline-hint`}
          required
          data-autofocus
        />
        <span className="deadline-row__picks" role="group" aria-label="Quick picks">
          {QUICK_PICKS.map((q) => (
            <button key={q.label} type="button" className="button button--secondary button--small" onClick={() => onChange(toLocalInputValue(after(q.hours)))}>
              {q.label}
            </button>
          ))}
        </span>
      </div>
      <p className="modal__hint" id={`${id}-deadline-hint`}>
        In your time zone ({zone}).{' '}
        {at ? (
          <>
            Delegations see <strong>{formatDeadlineUtc(at)}</strong>, {formatIn(at.getTime() - Date.now())}.
          </>
        ) : null}
      </p>
    </div>
  );
}

/**
 * The secretariat puts one or several clauses under silence until a deadline: the
 * clauses to include (those the workflow allows), the deadline (to the second, in the
 * person's own time zone, with quick picks) and an optional note to delegations.
 */
export function StartSilenceDialog({ draftId, clauses, consensus, preselected, onClose, onStarted }: StartSilenceDialogProps) {
  const id = useId();
  const eligible = useMemo(() => clauses.filter((c) => canEnterSilence(c.status)), [clauses]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(preselected.filter((cid) => eligible.some((c) => c.id === cid))));
  const [deadline, setDeadline] = useState(() => toLocalInputValue(after(24)));
  const [note, setNote] = useState('');
  // Set once the server refused because of open brackets: the secretariat may start anyway, with a reason.
  const [disputes, setDisputes] = useState<string | null>(null);
  const [override, setOverride] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function pick(clauseIds: ReadonlySet<string>) {
    setSelected(clauseIds);
    setError(null);
    setDisputes(null);
  }

  function toggle(clauseId: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(clauseId);
      else next.delete(clauseId);
      return next;
    });
    setError(null);
    // Another set of clauses is checked again by the server.
    setDisputes(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const ids = eligible.filter((c) => selected.has(c.id)).map((c) => c.id);
    if (ids.length === 0) {
      setError('Tick at least one clause to put under silence.');
      return;
    }
    const when = fromLocalInputValue(deadline);
    if (!when) {
      setError('Give the deadline as a date and a time.');
      return;
    }
    if (when.getTime() <= Date.now()) {
      setError('The deadline must be in the future.');
      return;
    }
    if (disputes && !override.trim()) {
      setError('Give the reason for starting silence over open brackets, or untick those clauses.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onStarted(await startSilence(draftId, ids, when, note, disputes ? override : undefined));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && !disputes) {
        setDisputes(err.message);
      } else {
        setError(err instanceof Error ? err.message : 'The silence procedure could not be started.');
      }
      setBusy(false);
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} className="modal--wide" testId="silence-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Start a silence procedure
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          The clauses are locked at once. Any participating delegation may break silence before the deadline, with a reason; if none does, the clauses are
          agreed at the deadline.
        </p>

        <SilenceClausePicker eligible={eligible} selected={selected} consensus={consensus} onPick={pick} onToggle={toggle} />

        <DeadlineField
          deadline={deadline}
          onChange={(value) => {
            setDeadline(value);
            setError(null);
          }}
        />

        <div className="modal__field">
          <label htmlFor={`${id}-note`}>
            Note to delegations <span className="cpform__optional">(optional)</span>
          </label>
          <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>

        {disputes ? (
          <div className="modal__field" data-testid="silence-override">
            <p className="modal__hint" role="alert">
              {disputes}
            </p>
            <label htmlFor={`${id}-override`}>Start anyway: the reason, recorded with the procedure and in the audit log</label>
            <textarea id={`${id}-override`} rows={2} maxLength={2000} value={override} onChange={(e) => setOverride(e.target.value)} aria-required="true" />
            <p className="modal__hint">
              Without it, untick the disputed clauses. If brackets are still open at the deadline, nothing is agreed unless you override.
            </p>
          </div>
        ) : null}

        <ModalFooter
          error={error}
          busy={busy}
          onCancel={onClose}
          tone="primary"
          submitLabel={disputes ? 'Start silence anyway' : 'Start silence procedure'}
          busyLabel="Starting…"
          submitDisabled={eligible.length === 0}
        />
      </form>
    </Modal>
  );
}
