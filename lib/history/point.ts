/**
 * A point of a draft's history as people name it: a revision (`rev:3` or `Rev.3`), an
 * update-log id (`log:1234`), a moment (an ISO 8601 time) or `now`.
 */
export type HistoryPoint =
  | { kind: 'now' }
  | { kind: 'revision'; number: number }
  | { kind: 'log'; id: number }
  | { kind: 'time'; at: Date };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parse a point, or return an error message saying what is accepted. */
export function parsePoint(raw: string): { ok: true; point: HistoryPoint } | { ok: false; message: string } {
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'now') return { ok: true, point: { kind: 'now' } };
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
    message: `"${value.slice(0, 60)}" is not a point of the history: use now, rev:N (a revision), log:N (an update-log id) or an ISO 8601 time such as 2026-03-04T14:05:00Z.`,
  };
}

/** The canonical spelling of a point, e.g. for URLs. */
export function formatPoint(point: HistoryPoint): string {
  switch (point.kind) {
    case 'now':
      return 'now';
    case 'revision':
      return `rev:${point.number}`;
    case 'log':
      return `log:${point.id}`;
    case 'time':
      return point.at.toISOString();
  }
}
