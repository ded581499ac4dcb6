/**
 * Look-up of Yjs item ids (client, clock) in attributed clock ranges: which logged
 * update created (or deleted) a given character. Ranges of one client may overlap when
 * a client re-sent content; the range recorded first wins, as that is the one that
 * brought the content in.
 */
export interface ClockRange<T> {
  client: number;
  /** First clock of the range. */
  start: number;
  /** One past the last clock. */
  end: number;
  value: T;
}

interface ClientRanges<T> {
  starts: number[];
  ends: number[];
  /** Running maximum of `ends`, for finding every range that may cover a clock. */
  maxEnd: number[];
  order: number[];
  values: T[];
}

export class RangeIndex<T> {
  private readonly clients = new Map<number, ClientRanges<T>>();

  /** `ranges` in order of priority (earliest recorded first). */
  constructor(ranges: Iterable<ClockRange<T>>) {
    const grouped = new Map<number, Array<{ r: ClockRange<T>; order: number }>>();
    let order = 0;
    for (const r of ranges) {
      if (r.end <= r.start) continue;
      const list = grouped.get(r.client);
      if (list) list.push({ r, order });
      else grouped.set(r.client, [{ r, order }]);
      order += 1;
    }
    for (const [client, list] of grouped) {
      list.sort((a, b) => a.r.start - b.r.start || a.order - b.order);
      const entry: ClientRanges<T> = { starts: [], ends: [], maxEnd: [], order: [], values: [] };
      let running = -Infinity;
      for (const { r, order: o } of list) {
        running = Math.max(running, r.end);
        entry.starts.push(r.start);
        entry.ends.push(r.end);
        entry.maxEnd.push(running);
        entry.order.push(o);
        entry.values.push(r.value);
      }
      this.clients.set(client, entry);
    }
  }

  /** The value of the highest-priority range covering (client, clock), if any. */
  find(client: number, clock: number): T | undefined {
    const entry = this.clients.get(client);
    if (!entry) return undefined;
    // Last range starting at or before the clock.
    let lo = 0;
    let hi = entry.starts.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entry.starts[mid] <= clock) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best = -1;
    for (let i = idx; i >= 0 && entry.maxEnd[i] > clock; i -= 1) {
      if (entry.ends[i] > clock && (best < 0 || entry.order[i] < entry.order[best])) best = i;
    }
    return best >= 0 ? entry.values[best] : undefined;
  }
}
