'use client';

import { useId } from 'react';
import type { ClauseSummary, DelegationSummary } from '@/lib/api/types';
import type { TimelineKind } from '@/lib/history/types';

/** What the reader picked: empty strings for "all". */
export interface TimelineFilterValues {
  clause: string;
  delegation: string;
  kind: TimelineKind | '';
  fromLocal: string;
  toLocal: string;
}

export const NO_TIMELINE_FILTERS: TimelineFilterValues = { clause: '', delegation: '', kind: '', fromLocal: '', toLocal: '' };

/** The kinds of entry, as the "What" filter names them. */
const KIND_OPTIONS: Array<{ value: TimelineKind; label: string }> = [
  { value: 'session', label: 'Edits' },
  { value: 'revision', label: 'Revisions' },
  { value: 'status', label: 'Decisions' },
  { value: 'structure', label: 'Clause structure' },
  { value: 'position', label: 'Positions' },
  { value: 'comment', label: 'Comments' },
  { value: 'bracket', label: 'Brackets' },
  { value: 'alternative', label: 'Alternatives' },
  { value: 'clause-comment', label: 'Secretariat comments' },
  { value: 'mandate', label: 'Mandates' },
];

interface TimelineFiltersProps {
  values: TimelineFilterValues;
  clauses: readonly ClauseSummary[];
  delegations: readonly DelegationSummary[];
  onChange: (values: TimelineFilterValues) => void;
}

/** Filter the timeline by kind, clause, delegation and time. */
export function TimelineFilterBar({ values, clauses, delegations, onChange }: TimelineFiltersProps) {
  const id = useId();
  const set = (patch: Partial<TimelineFilterValues>) => onChange({ ...values, ...patch });
  const filtered = Object.values(values).some(Boolean);
  return (
    <div className="hfilters" role="group" aria-label="Filter the timeline">
      <span className="dash-filters__field">
        <label htmlFor={`${id}-kind`}>What</label>
        <select id={`${id}-kind`} value={values.kind} onChange={(e) => set({ kind: e.target.value as TimelineKind | '' })} data-testid="timeline-kind">
          <option value="">Everything</option>
          {KIND_OPTIONS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </span>
      <span className="dash-filters__field">
        <label htmlFor={`${id}-clause`}>Clause</label>
        <select id={`${id}-clause`} value={values.clause} onChange={(e) => set({ clause: e.target.value })} data-testid="timeline-clause">
          <option value="">All clauses</option>
          {clauses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.number}. {c.title}
            </option>
          ))}
        </select>
      </span>
      <span className="dash-filters__field">
        <label htmlFor={`${id}-delegation`}>Delegation</label>
        <select id={`${id}-delegation`} value={values.delegation} onChange={(e) => set({ delegation: e.target.value })} data-testid="timeline-delegation">
          <option value="">All</option>
          {delegations.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} · {d.name}
            </option>
          ))}
        </select>
      </span>
      <span className="dash-filters__field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="datetime-local" value={values.fromLocal} onChange={(e) => set({ fromLocal: e.target.value })} />
      </span>
      <span className="dash-filters__field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="datetime-local" value={values.toLocal} onChange={(e) => set({ toLocal: e.target.value })} />
      </span>
      {filtered ? (
        <button type="button" className="linkish" onClick={() => onChange(NO_TIMELINE_FILTERS)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
