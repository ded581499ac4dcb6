export type ProgressSegment = 'agreed' | 'agreed_ad_ref' | 'open' | 'blocked';

export interface ProgressCounts {
  agreed: number;
  agreed_ad_ref: number;
  open: number;
  blocked: number;
  /** Not in the bar: withdrawn clauses are no longer negotiated. */
  withdrawn: number;
}

const SEGMENTS: Array<{ key: ProgressSegment; label: string; hint: string }> = [
  { key: 'agreed', label: 'Agreed', hint: 'agreed, or agreed under silence' },
  { key: 'agreed_ad_ref', label: 'Agreed ad ref.', hint: 'agreed at working level, pending capitals' },
  { key: 'open', label: 'Open', hint: 'drafting, negotiating or under silence, without an objection' },
  { key: 'blocked', label: 'Blocked', hint: 'an objection stands: oppose or substantive reservation' },
];

/**
 * How far the text is: a horizontal stacked bar of agreed / agreed ad ref. / open /
 * blocked clauses, with a legend that gives every number in words (the bar only
 * repeats it).
 */
export function ProgressChart({ counts }: { counts: ProgressCounts }) {
  const total = counts.agreed + counts.agreed_ad_ref + counts.open + counts.blocked;
  const summary = SEGMENTS.map((s) => `${s.label} ${counts[s.key]}`).join(', ');
  return (
    <div className="progress" data-testid="progress" data-total={total}>
      <p className="progress__headline">
        <strong>{counts.agreed}</strong> of {total} {total === 1 ? 'clause' : 'clauses'} agreed
        {counts.agreed_ad_ref ? (
          <>
            , <strong>{counts.agreed_ad_ref}</strong> ad ref.
          </>
        ) : null}
        {counts.withdrawn ? <span className="muted"> · {counts.withdrawn} withdrawn</span> : null}
      </p>
      <div className="stackbar" role="img" aria-label={`Progress of ${total} clauses: ${summary}`}>
        {total === 0 ? <span className="stackbar__empty" /> : null}
        {SEGMENTS.map((s) =>
          counts[s.key] > 0 ? (
            <span
              key={s.key}
              className={`stackbar__seg stackbar__seg--${s.key}`}
              style={{ flexGrow: counts[s.key] }}
              data-segment={s.key}
              data-count={counts[s.key]}
              title={`${s.label}: ${counts[s.key]} (${s.hint})`}
            >
              {counts[s.key] / Math.max(total, 1) >= 0.06 ? counts[s.key] : ''}
            </span>
          ) : null,
        )}
      </div>
      <ul className="progress__legend" role="list">
        {SEGMENTS.map((s) => (
          <li key={s.key} data-segment={s.key} title={s.hint}>
            <span className={`progress__key stackbar__seg--${s.key}`} aria-hidden="true" />
            {s.label} <strong data-count={counts[s.key]}>{counts[s.key]}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
