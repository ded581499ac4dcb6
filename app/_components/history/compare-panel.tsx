'use client';

import { useEffect, useState, type CSSProperties } from 'react';
import type { DelegationSummary } from '@/lib/api/types';
import type { ClauseDiff, CompareDto, DiffSegment, RestoreResultDto } from '@/lib/history/types';
import { DownloadButton } from '../export/download-button';
import { AuthorTag, authorStyle } from './author-tag';
import { fetchCompare } from './history-api';
import { LiveNotice } from './live-notice';
import { PointPicker, type PointOption } from './point-picker';
import { describeResolvedPoint } from '@/lib/history/point';
import { RestoreDialog } from './restore-dialog';
import type { HistoryPulse } from './use-history-pulse';
import { StructureChanges } from './structure-changes';

interface ComparePanelProps {
  draftId: string;
  delegations: readonly DelegationSummary[];
  options: PointOption[];
  from: string;
  to: string;
  secretariat: boolean;
  /** Bumped after a restore or a new revision, to fetch again. */
  version: number;
  /** The draft's live changes: a comparison with "now" offers to refresh when newer edits come in. */
  pulse: HistoryPulse;
  onChange: (from: string, to: string) => void;
  onRestored: (result: RestoreResultDto) => void;
}

/** One change (or unchanged words) of a comparison; `tag` false leaves out the author's tag (a change cut in pieces shows it once). */
export function Segment({ segment, delegations, tag = true }: { segment: DiffSegment; delegations: readonly DelegationSummary[]; tag?: boolean }) {
  if (segment.kind === 'equal') return <span>{segment.text}</span>;
  const style = authorStyle(segment.delegation, segment.userName, delegations);
  const who = segment.userName ? `${style.label} · ${segment.userName}` : segment.kind === 'delete' ? 'deleted (by whom is not known)' : style.label;
  const words = segment.kind === 'insert' ? `Inserted by ${who}` : segment.delegation || segment.userName ? `Deleted by ${who}` : 'Deleted';
  const Tag = segment.kind === 'insert' ? 'ins' : 'del';
  return (
    <Tag
      className={`hdiff hdiff--${segment.kind}`}
      style={{ '--author': style.color } as CSSProperties}
      title={words}
      data-delegation={segment.delegation ?? ''}
    >
      {tag ? <AuthorTag style={style} title={words} /> : null}
      <span className="visually-hidden">{segment.kind === 'insert' ? ' inserted: ' : ' deleted: '}</span>
      {segment.text}
    </Tag>
  );
}

function ClauseChange({
  diff,
  layout,
  delegations,
  restore,
}: {
  diff: ClauseDiff;
  layout: 'inline' | 'side';
  delegations: readonly DelegationSummary[];
  restore?: () => void;
}) {
  const inserted = diff.segments.filter((s) => s.kind === 'insert').reduce((n, s) => n + s.text.length, 0);
  const deleted = diff.segments.filter((s) => s.kind === 'delete').reduce((n, s) => n + s.text.length, 0);
  return (
    <article
      className="hclause"
      id={`clause-${diff.clauseId}`}
      data-testid="compare-clause"
      data-clause-number={diff.number}
      data-changed={diff.changed ? 'true' : 'false'}
    >
      <header className="hclause__head">
        <h3 className="hclause__title">
          <span className="hclause__number">{diff.number}.</span> {diff.title}
        </h3>
        <span className="hclause__size" aria-label={`${inserted} characters inserted, ${deleted} deleted`}>
          <span className="hclause__plus">+{inserted}</span> <span className="hclause__minus">−{deleted}</span>
        </span>
        {restore ? (
          <button type="button" className="button button--ghost button--small" onClick={restore} data-testid="restore-clause">
            Restore this clause…
          </button>
        ) : null}
      </header>
      {layout === 'inline' ? (
        <p className="hclause__text">
          {diff.segments.map((s, i) => (
            <Segment key={i} segment={s} delegations={delegations} />
          ))}
        </p>
      ) : (
        <div className="hclause__sides">
          <div>
            <p className="hclause__side-label">Before</p>
            <p className="hclause__text">
              {diff.segments
                .filter((s) => s.kind !== 'insert')
                .map((s, i) => (
                  <Segment key={i} segment={s} delegations={delegations} />
                ))}
            </p>
          </div>
          <div>
            <p className="hclause__side-label">After</p>
            <p className="hclause__text">
              {diff.segments
                .filter((s) => s.kind !== 'delete')
                .map((s, i) => (
                  <Segment key={i} segment={s} delegations={delegations} />
                ))}
            </p>
          </div>
        </div>
      )}
    </article>
  );
}

/** Two points of the draft, clause by clause: what was inserted and deleted, and by whom. */
export function ComparePanel({ draftId, delegations, options, from, to, secretariat, version, pulse, onChange, onRestored }: ComparePanelProps) {
  const [data, setData] = useState<CompareDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [layout, setLayout] = useState<'inline' | 'side'>('inline');
  const [restoring, setRestoring] = useState<{ clause?: { id: string; number: number | null; title: string } } | null>(null);
  const [refreshed, setRefreshed] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    fetchCompare(draftId, from, to).then(
      (result) => {
        if (cancelled) return;
        setData(result);
        setLoading(false);
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(err instanceof Error ? err.message : 'The comparison could not be loaded.');
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [draftId, from, to, version, refreshed]);

  // "Now" moves on: newer edits than the comparison holds are offered, not applied under the reader.
  const nowLogId = data ? (to === 'now' ? data.to.logId : from === 'now' ? data.from.logId : null) : null;
  const stale = nowLogId !== null && !loading && pulse.upToId > nowLogId;

  const changed = data?.clauses.filter((c) => c.changed) ?? [];
  const unchanged = data?.clauses.filter((c) => !c.changed) ?? [];
  const canRestore = secretariat && to === 'now' && from !== 'now';

  return (
    <section className="hpanel" aria-labelledby="compare-title" data-testid="compare-panel">
      <h2 className="hpanel__title" id="compare-title">
        Compare
      </h2>
      <div className="hfilters">
        <PointPicker label="From" value={from} options={options} onChange={(value) => onChange(value, to)} resolved={data?.from} testId="compare-from" />
        <PointPicker label="To" value={to} options={options} onChange={(value) => onChange(from, value)} resolved={data?.to} testId="compare-to" />
        <button type="button" className="button button--ghost button--small" onClick={() => onChange(to, from)}>
          Swap
        </button>
        <div className="segmented" role="group" aria-label="Layout">
          <button type="button" className="segmented__option" aria-pressed={layout === 'inline'} onClick={() => setLayout('inline')}>
            Inline
          </button>
          <button type="button" className="segmented__option" aria-pressed={layout === 'side'} onClick={() => setLayout('side')}>
            Side by side
          </button>
        </div>
        {canRestore ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setRestoring({})} data-testid="restore-draft">
            Restore whole draft to {data?.from.label ?? from}…
          </button>
        ) : null}
      </div>

      {stale ? (
        <LiveNotice text="The text has changed since this comparison" action="Refresh" onAction={() => setRefreshed((n) => n + 1)} testId="compare-stale" />
      ) : null}
      {error ? (
        <div className="banner banner--error" role="alert">
          <p>{error}</p>
        </div>
      ) : loading && !data ? (
        <p className="hpanel__loading" role="status">
          Comparing…
        </p>
      ) : data ? (
        <div aria-busy={loading}>
          <div className="hsummary__export">
            <DownloadButton
              url={`/api/drafts/${encodeURIComponent(draftId)}/history/compare/export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`}
              label="Export as Word (tracked changes)"
              busyLabel="Preparing DOCX…"
              fallbackName="comparison.docx"
              testId="compare-export"
            />
          </div>
          <div className="hsummary" data-testid="compare-summary" role="status">
            <p>
              <strong data-testid="compare-from-label">{describeResolvedPoint(data.from)}</strong> →{' '}
              <strong data-testid="compare-to-label">{describeResolvedPoint(data.to)}</strong>:{' '}
              {changed.length === 0 ? (
                'no clause changed.'
              ) : (
                <>
                  {changed.length} of {data.clauses.length} clauses changed, <span className="hclause__plus">+{data.summary.inserted}</span>{' '}
                  <span className="hclause__minus">−{data.summary.deleted}</span> characters.
                </>
              )}
            </p>
            {changed.length > 0 ? (
              <ul className="hsummary__list" role="list" aria-label="Changed clauses">
                {data.summary.changedClauses.map((c) => (
                  <li key={c.clauseId}>
                    <a href={`#clause-${c.clauseId}`}>
                      {c.number === null ? '' : `${c.number}. `}
                      {c.title}
                    </a>{' '}
                    <span className="hclause__plus">+{c.inserted}</span> <span className="hclause__minus">−{c.deleted}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            <StructureChanges changes={data.structure} />
          </div>
          {changed.map((diff) => (
            <ClauseChange
              key={diff.clauseId}
              diff={diff}
              layout={layout}
              delegations={delegations}
              restore={canRestore ? () => setRestoring({ clause: { id: diff.clauseId, number: diff.number, title: diff.title } }) : undefined}
            />
          ))}
          {unchanged.length > 0 ? (
            <details className="hunchanged" data-testid="unchanged-clauses">
              <summary>
                {unchanged.length} unchanged {unchanged.length === 1 ? 'clause' : 'clauses'}: {unchanged.map((c) => c.number).join(', ')}
              </summary>
              {unchanged.map((diff) => (
                <ClauseChange key={diff.clauseId} diff={diff} layout="inline" delegations={delegations} />
              ))}
            </details>
          ) : null}
        </div>
      ) : null}

      {restoring && data ? (
        <RestoreDialog
          draftId={draftId}
          to={data.from.spec}
          toLabel={data.from.label}
          clause={restoring.clause}
          onClose={() => setRestoring(null)}
          onRestored={onRestored}
        />
      ) : null}
    </section>
  );
}
