'use client';

import type { RevisionDto } from '@/lib/history/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { actorLabel } from '@/lib/ui/people';
import type { HistoryState } from './history-view';

interface RevisionsRailProps {
  /** Newest first; null while loading. */
  revisions: RevisionDto[] | null;
  error: string | null;
  secretariat: boolean;
  onCut: () => void;
  go: (next: Partial<HistoryState>) => void;
}

/** The numbered revisions beside the history: open one, compare it with now, cut the next (secretariat). */
export function RevisionsRail({ revisions, error, secretariat, onCut, go }: RevisionsRailProps) {
  const latest = revisions?.[0];
  return (
    <aside className="history__rail dash-card" aria-labelledby="revisions-title" data-testid="revisions">
      <div className="hpanel__row">
        <h2 className="rail-heading" id="revisions-title">
          Revisions
        </h2>
        {secretariat ? (
          // Not before the list is loaded: the dialog names the next number from it.
          <button type="button" className="button button--primary button--small" onClick={onCut} disabled={revisions === null} data-testid="cut-revision">
            Cut revision
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : revisions === null ? (
        <p className="hpanel__loading">Loading…</p>
      ) : revisions.length === 0 ? (
        <p className="hrev__empty">
          No numbered revision yet.{secretariat ? ' Cut Rev.1 when the text is ready to circulate.' : ' The secretariat cuts one when the text is circulated.'}
        </p>
      ) : (
        <ol className="hrev" role="list">
          {revisions.map((r) => (
            <li key={r.number} className="hrev__item" data-testid="revision" data-number={r.number}>
              <p>
                <span className="hrevtag">{r.label}</span> <time dateTime={r.createdAt}>{formatDateTimeUtc(r.createdAt)}</time>
              </p>
              <p className="htimeline__meta">
                by {actorLabel({ name: r.createdBy, role: 'secretariat', delegation: null })}
                {r.note ? ` — “${r.note}”` : ''}
              </p>
              <p className="button-row">
                <button type="button" className="linkish" onClick={() => go({ view: 'revision', rev: r.number })}>
                  Open
                </button>
                <button
                  type="button"
                  className="linkish"
                  onClick={() => go({ view: 'compare', from: `rev:${r.number}`, to: 'now' })}
                  data-testid="compare-with-now"
                >
                  Compare with now
                </button>
              </p>
            </li>
          ))}
        </ol>
      )}
      {latest ? (
        <p className="htimeline__meta">
          <button type="button" className="linkish" onClick={() => go({ view: 'compare', from: `rev:${latest.number}`, to: 'now' })}>
            Changes since {latest.label}
          </button>
        </p>
      ) : null}
    </aside>
  );
}
