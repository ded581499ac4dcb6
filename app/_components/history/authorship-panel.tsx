'use client';

import { useEffect, useState, type CSSProperties } from 'react';
import type { DelegationSummary } from '@/lib/api/types';
import type { AuthorshipDto } from '@/lib/history/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { AuthorTag, authorStyle } from './author-tag';
import { fetchAuthorship } from './history-api';
import { LiveNotice } from './live-notice';
import { PointPicker, type PointOption } from './point-picker';
import type { HistoryPulse } from './use-history-pulse';

interface AuthorshipPanelProps {
  draftId: string;
  delegations: readonly DelegationSummary[];
  options: PointOption[];
  at: string;
  version: number;
  /** The draft's live changes: the text "now" offers to refresh when newer edits come in. */
  pulse: HistoryPulse;
  onChange: (at: string) => void;
}

/** The text at a point, each passage marked with the delegation and person who wrote it. */
export function AuthorshipPanel({ draftId, delegations, options, at, version, pulse, onChange }: AuthorshipPanelProps) {
  const [data, setData] = useState<AuthorshipDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [codes, setCodes] = useState(true);
  const [refreshed, setRefreshed] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    fetchAuthorship(draftId, at).then(
      (result) => {
        if (cancelled) return;
        setData(result);
        setLoading(false);
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(err instanceof Error ? err.message : 'The authorship could not be loaded.');
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [draftId, at, version, refreshed]);

  const stale = at === 'now' && data !== null && !loading && pulse.upToId > data.point.logId;

  const total = data?.authors.reduce((n, a) => n + a.chars, 0) ?? 0;

  return (
    <section className="hpanel" aria-labelledby="authorship-title" data-testid="authorship-panel">
      <h2 className="hpanel__title" id="authorship-title">
        Who wrote what
      </h2>
      <div className="hfilters">
        <PointPicker label="Text at" value={at} options={options} onChange={onChange} testId="authorship-at" />
        <label className="dash-filters__check">
          <input type="checkbox" checked={codes} onChange={(e) => setCodes(e.target.checked)} />
          Show delegation codes in the text
        </label>
      </div>
      {stale ? (
        <LiveNotice text="The text has changed since it was loaded" action="Refresh" onAction={() => setRefreshed((n) => n + 1)} testId="authorship-stale" />
      ) : null}
      {error ? (
        <div className="banner banner--error" role="alert">
          <p>{error}</p>
        </div>
      ) : loading && !data ? (
        <p className="hpanel__loading" role="status">
          Loading the text…
        </p>
      ) : data ? (
        <div aria-busy={loading}>
          <ul className="hlegend" role="list" aria-label="Authors of the text" data-testid="authorship-legend">
            {data.authors.map((a) => {
              const style = authorStyle(a.delegation, a.userName, delegations);
              return (
                <li
                  key={`${a.delegation}|${a.userName}`}
                  className={`hlegend__item hrun--p${style.pattern}`}
                  style={{ '--author': style.color } as CSSProperties}
                >
                  <AuthorTag style={style} />
                  <span className="hlegend__who">{a.userName ?? 'Unknown'}</span>
                  <span className="hlegend__share">{total ? Math.round((a.chars / total) * 100) : 0}%</span>
                </li>
              );
            })}
          </ul>
          {data.clauses.map((clause) => (
            <article key={clause.clauseId} className="hclause" data-testid="authorship-clause" data-clause-number={clause.number}>
              <header className="hclause__head">
                <h3 className="hclause__title">
                  <span className="hclause__number">{clause.number}.</span> {clause.title}
                </h3>
              </header>
              <p className="hclause__text">
                {clause.runs.length === 0 ? <span className="hclause__empty">No text at this point.</span> : null}
                {clause.runs.map((run, i) => {
                  const style = authorStyle(run.delegation, run.userName, delegations);
                  const words = `${style.label}${run.userName ? ` · ${run.userName}` : ''}${run.at ? ` · ${formatDateTimeUtc(run.at)}` : ''}`;
                  return (
                    <span
                      key={i}
                      className={`hrun hrun--p${style.pattern}`}
                      style={{ '--author': style.color } as CSSProperties}
                      title={words}
                      data-delegation={run.delegation ?? ''}
                    >
                      {codes ? <AuthorTag style={style} title={words} /> : <span className="visually-hidden">[{style.code}] </span>}
                      {run.text}
                    </span>
                  );
                })}
              </p>
            </article>
          ))}
        </div>
      ) : null}
    </section>
  );
}
