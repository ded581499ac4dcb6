/**
 * A point of a draft's history as people name it: a revision (`rev:3` or `Rev.3`), an
 * update-log id (`log:1234`), a moment (an ISO 8601 time), `start` (the draft as first
 * stored: its initial text) or `now`.
 */
export type HistoryPoint =
  { kind: 'now' } | { kind: 'start' } | { kind: 'revision'; number: number } | { kind: 'log'; id: number } | { kind: 'time'; at: Date };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parse a point, or return an error message saying what is accepted. */
export function parsePoint(raw: string): { ok: true; point: HistoryPoint } | { ok: false; message: string } {
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'now') return { ok: true, point: { kind: 'now' } };
  if (value.toLowerCase() === 'start') return { ok: true, point: { kind: 'start' } };
  const rev = /^(?:rev[:.]?)\s*(\d{1,9})$/i.exec(value);
  if (rev) {
    const number = Number(rev[1]);
    if (number < 1) return { ok: false, message: 'Revisions are numbered from 1.' };
    return { ok: true, point: { kind: 'revision', number } };
  }
  const log = /^log:(\d{1,15})$/i.exec(value);
  if (log) return { ok: true, point: { kind: 'log', id: Number(log[1]) } };
  if (ISO.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return { ok: true, point: { kind: 'time', at } };
  }
  return {
    ok: false,
    message: `"${value.slice(0, 60)}" is not a point of the history: use now, start, rev:N (a revision), log:N (an update-log id) or an ISO 8601 time such as 2026-03-04T14:05:00Z.`,
  };
}

/** The canonical spelling of a point, e.g. for URLs. */
export function formatPoint(point: HistoryPoint): string {
  switch (point.kind) {
    case 'now':
      return 'now';
    case 'start':
      return 'start';
    case 'revision':
      return `rev:${point.number}`;
    case 'log':
      return `log:${point.id}`;
    case 'time':
      return point.at.toISOString();
  }
}

const POINT_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/**
 * A resolved point in words, by revision, time and author — never by a log number:
 * "Rev.2 · 4 Mar 2026, 14:05 UTC · Secretariat · Ana Ruiz", "4 Mar 2026, 14:12 UTC · FR · Marie Dupont",
 * "Now · last change 4 Mar 2026, 14:12 UTC", "Start of the draft · 4 Mar 2026, 09:00 UTC".
 */
export function describeResolvedPoint(point: { spec: string; label: string; at: string | null; by?: string | null; revision?: number }): string {
  const time = point.at ? `${POINT_TIME.format(new Date(point.at))} UTC` : null;
  if (point.revision !== undefined) return [point.label, time, point.by].filter(Boolean).join(' · ');
  if (point.spec === 'now') return time ? `Now · last change ${time}` : 'Now';
  if (point.spec === 'start') return time ? `Start of the draft · ${time}` : 'Start of the draft';
  return [point.label, point.by].filter(Boolean).join(' · ');
}

/** The draft's start (its initial text): the point Compare opens on when there is no revision yet. */
export const DRAFT_START = 'start';
