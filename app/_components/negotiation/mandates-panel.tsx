'use client';

import { useId, useState } from 'react';
import type { ClauseSummary, DelegationSummary, MandateDto } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { useSubmit } from '../ui/use-submit';
import { giveMandate, revokeMandate } from './negotiation-api';

export interface MandatesPanelProps {
  draftId: string;
  /**
   * Our delegation: its mandates given and held, and the form to give one. Null for the
   * secretariat: every active mandate of the draft and, with `canRecord`, the form to
   * record one a delegation gave by letter.
   */
  delegation: DelegationCode | null;
  participants: readonly DelegationSummary[];
  clauses: readonly ClauseSummary[];
  mandates: readonly MandateDto[];
  /** May give (a delegation) or record (the secretariat) and revoke mandates. */
  canRecord?: boolean;
  onChanged: (mandate: MandateDto) => void;
}

function scope(m: MandateDto, clauses: readonly ClauseSummary[]): string {
  const which =
    m.clauseIds === null
      ? 'every clause'
      : `${m.clauseIds.length === 1 ? 'clause' : 'clauses'} ${m.clauseIds.map((id) => clauses.find((c) => c.id === id)?.number ?? '?').join(', ')}`;
  const until = m.until ? `until ${formatDateTimeUtc(m.until)}` : 'until revoked';
  return `${which}, ${until}${m.breakSilence ? ', may break silence' : ''}${m.byLetter ? ' (recorded from a letter)' : ''}`;
}

function headline(m: MandateDto, delegation: DelegationCode | null): string {
  if (delegation === m.to) return `We speak for ${m.from}`;
  if (delegation === m.from) return `${m.to} speaks for us`;
  return `${m.to} for ${m.from}`;
}

interface MandateFormProps {
  draftId: string;
  /** Fixed giver (a delegate gives its own delegation's mandate); null: chosen (the secretariat records a letter). */
  delegation: DelegationCode | null;
  participants: readonly DelegationSummary[];
  clauses: readonly ClauseSummary[];
  onGiven: (mandate: MandateDto) => void;
}

/** Give a mandate (a delegate, for its delegation) or record one given by letter (the secretariat). */
function MandateForm({ draftId, delegation, participants, clauses, onGiven }: MandateFormProps) {
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [numbers, setNumbers] = useState('');
  const [until, setUntil] = useState('');
  const [breakSilence, setBreakSilence] = useState(false);
  const giver = delegation ?? from;
  const wanted = () =>
    numbers
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((n) => clauses.find((c) => String(c.number) === n));
  const { busy, error, submit } = useSubmit(
    () => {
      const chosen = wanted().filter((c): c is ClauseSummary => c !== undefined);
      return giveMandate(draftId, {
        from: giver,
        to,
        ...(chosen.length ? { clauseIds: chosen.map((c) => c.id) } : {}),
        ...(until ? { until: new Date(`${until}Z`).toISOString() } : {}),
        breakSilence,
      });
    },
    {
      fallback: 'The mandate could not be given.',
      check: () =>
        !to || !giver
          ? 'Choose the delegations first.'
          : wanted().some((c) => !c)
            ? 'List clause numbers separated by commas, or leave the field empty for every clause.'
            : null,
      onDone: (mandate) => {
        onGiven(mandate);
        setFrom('');
        setTo('');
        setNumbers('');
        setUntil('');
        setBreakSilence(false);
      },
    },
  );

  const options = (except: string) =>
    participants
      .filter((p) => p.code !== except)
      .map((p) => (
        <option key={p.code} value={p.code}>
          {p.code} · {p.name}
        </option>
      ));

  return (
    <form className="mandates__form" onSubmit={(e) => void submit(e)} data-testid="mandate-form" aria-labelledby={`${id}-title`}>
      <p className="mandates__form-title" id={`${id}-title`}>
        {delegation ? 'Give a mandate' : 'Record a mandate given by letter'}
      </p>
      {delegation ? null : (
        <label>
          Mandate of
          <select value={from} onChange={(e) => setFrom(e.target.value)} required>
            <option value="">Choose a delegation…</option>
            {options('')}
          </select>
        </label>
      )}
      <label>
        {delegation ? 'Give a mandate to' : 'To speak for it'}
        <select value={to} onChange={(e) => setTo(e.target.value)} required>
          <option value="">Choose a delegation…</option>
          {options(giver)}
        </select>
      </label>
      <label>
        Clauses (numbers; empty: all)
        <input value={numbers} onChange={(e) => setNumbers(e.target.value)} placeholder="e.g. 3, 5" />
      </label>
      <label>
        Until (UTC; empty: until revoked)
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <label className="mandates__check">
        <input type="checkbox" checked={breakSilence} onChange={(e) => setBreakSilence(e.target.checked)} /> may break silence for{' '}
        {delegation ? 'us' : from || 'it'}
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy || !to || !giver}>
        {busy ? (delegation ? 'Giving…' : 'Recording…') : delegation ? 'Give mandate' : 'Record mandate'}
      </button>
      {error ? (
        <p className="pform__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** One mandate in force, with the button to revoke (or, for its holder, decline) it. */
function MandateItem({
  draftId,
  mandate: m,
  delegation,
  clauses,
  canRecord,
  onChanged,
}: {
  draftId: string;
  mandate: MandateDto;
  delegation: DelegationCode | null;
  clauses: readonly ClauseSummary[];
  canRecord: boolean;
  onChanged: (mandate: MandateDto) => void;
}) {
  const { busy, error, submit } = useSubmit(() => revokeMandate(draftId, m.id), { fallback: 'The mandate could not be revoked.', onDone: onChanged });
  const verb = m.to === delegation ? 'Decline' : 'Revoke';
  return (
    <li className="mandates__item" data-testid="mandate" data-from={m.from} data-to={m.to}>
      <span>
        <strong>{headline(m, delegation)}</strong> <span className="mandates__scope">· {scope(m, clauses)}</span>
      </span>
      {canRecord ? (
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void submit()}>
          {busy ? `${verb === 'Decline' ? 'Declining' : 'Revoking'}…` : verb}
        </button>
      ) : null}
      {error ? (
        <p className="pform__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** Mandates our delegation gave or holds (or, for the secretariat, every active one): see, revoke, give or record one. */
export function MandatesPanel({ draftId, delegation, participants, clauses, mandates, canRecord = true, onChanged }: MandatesPanelProps) {
  const shown = mandates.filter((m) => m.state === 'active' && (delegation === null || m.from === delegation || m.to === delegation));
  return (
    <div className="mandates" data-testid="mandates">
      {shown.length === 0 ? <p className="mandates__empty">{delegation ? 'No mandate given or held.' : 'No mandate is in force.'}</p> : null}
      <ul className="mandates__list" role="list">
        {shown.map((m) => (
          <MandateItem key={m.id} draftId={draftId} mandate={m} delegation={delegation} clauses={clauses} canRecord={canRecord} onChanged={onChanged} />
        ))}
      </ul>
      {canRecord ? <MandateForm draftId={draftId} delegation={delegation} participants={participants} clauses={clauses} onGiven={onChanged} /> : null}
    </div>
  );
}
