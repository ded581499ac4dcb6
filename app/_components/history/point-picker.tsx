'use client';

import { useId } from 'react';

export interface PointOption {
  value: string;
  label: string;
}

/** Choose a point of the history: a revision, now, or the point already chosen elsewhere (a moment, a change). */
export function PointPicker({ label, value, options, onChange, testId }: { label: string; value: string; options: PointOption[]; onChange: (value: string) => void; testId?: string }) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <span className="dash-filters__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {known ? null : <option value={value}>{describePoint(value)}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Words for a point that is not in the list: "Change 1234", a moment in UTC. */
export function describePoint(value: string): string {
  const log = /^log:(\d+)$/.exec(value);
  if (log) return `Change ${log[1]}`;
  const rev = /^rev:(\d+)$/.exec(value);
  if (rev) return `Rev.${rev[1]}`;
  if (value === 'now') return 'Now';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
