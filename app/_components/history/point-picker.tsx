'use client';

import { useId } from 'react';
import { describeResolvedPoint, DRAFT_START } from '@/lib/history/point';
import type { ResolvedPointDto } from '@/lib/history/types';

export interface PointOption {
  value: string;
  label: string;
}

interface PointPickerProps {
  label: string;
  value: string;
  options: PointOption[];
  onChange: (value: string) => void;
  /** The chosen point as the server resolved it (its words when it is not in the list). */
  resolved?: ResolvedPointDto | null;
  testId?: string;
}

/** Choose a point of the history: a revision, now, the draft's start, or the point already chosen elsewhere (a moment, a change). */
export function PointPicker({ label, value, options, onChange, resolved, testId }: PointPickerProps) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <span className="dash-filters__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {known ? null : <option value={value}>{resolved && resolved.spec === value ? describeResolvedPoint(resolved) : describePoint(value)}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Words for a point that is not in the list before the server resolved it: a change, a moment in UTC. */
export function describePoint(value: string): string {
  if (value === DRAFT_START) return 'Start of the draft';
  if (value === 'log:0') return 'Before the first change';
  if (/^log:\d+$/.test(value)) return 'A change (loading…)';
  const rev = /^rev:(\d+)$/.exec(value);
  if (rev) return `Rev.${rev[1]}`;
  if (value === 'now') return 'Now';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
