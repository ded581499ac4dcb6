'use client';

import { useState } from 'react';
import type { ClauseSummary, DelegationSummary } from '@/lib/api/types';
import { describeNews } from '@/lib/history/timeline-news';
import type { TimelineFilters } from './history-api';
import { LiveNotice } from './live-notice';
import { TimelineItem } from './timeline-entry';
import { NO_TIMELINE_FILTERS, TimelineFilterBar, type TimelineFilterValues } from './timeline-filters';
import type { HistoryPulse } from './use-history-pulse';
import { useTimeline } from './use-timeline';

interface TimelinePanelProps {
  draftId: string;
  clauses: readonly ClauseSummary[];
  delegations: readonly DelegationSummary[];
  version: number;
  /** The draft's live changes: each tick fetches the first page in the background to offer what is new. */
  pulse: HistoryPulse;
  onCompare: (from: string, to: string) => void;
  onOpenRevision: (number: number) => void;
}

/** A datetime-local value (the reader's zone) as an ISO time, or undefined. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toQuery(values: TimelineFilterValues): TimelineFilters {
  return {
    clause: values.clause || undefined,
    delegation: values.delegation || undefined,
    kind: values.kind || undefined,
    from: isoOf(values.fromLocal),
    to: isoOf(values.toLocal),
  };
}

/**
 * Everything recorded on the draft, newest first: edit sessions, revisions, decisions,
 * positions, comments (internal notes only for their team), brackets and alternatives,
 * with filters and paging.
 */
export function TimelinePanel({ draftId, clauses, delegations, version, pulse, onCompare, onOpenRevision }: TimelinePanelProps) {
  const [values, setValues] = useState<TimelineFilterValues>(NO_TIMELINE_FILTERS);
  const { entries, cursor, loading, error, news, load, showNews } = useTimeline(draftId, toQuery(values), version, pulse);
  const filtered = Object.values(values).some(Boolean);

  return (
    <section className="hpanel" aria-labelledby="timeline-title" data-testid="timeline-panel">
      <h2 className="hpanel__title" id="timeline-title">
        Timeline
      </h2>
      <TimelineFilterBar values={values} clauses={clauses} delegations={delegations} onChange={setValues} />

      {error ? (
        <div className="banner banner--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void load(null)}>
            Try again
          </button>
        </div>
      ) : null}
      {!loading && !error && entries.length === 0 ? (
        <div className="empty-state">
          <h3>{filtered ? 'Nothing matches these filters' : 'No history yet'}</h3>
          <p>
            {filtered
              ? 'Widen the time range or pick another kind, clause or delegation.'
              : 'Edits, revisions, decisions and comments will appear here as they happen.'}
          </p>
        </div>
      ) : null}

      {news ? <LiveNotice text={describeNews(news)} action="Show" onAction={showNews} testId="timeline-news" /> : null}
      <ol className="htimeline" aria-busy={loading} data-testid="timeline">
        {entries.map((entry) => (
          <TimelineItem key={`${entry.source}:${entry.id}`} entry={entry} delegations={delegations} onCompare={onCompare} onOpenRevision={onOpenRevision} />
        ))}
      </ol>
      {loading ? (
        <p className="hpanel__loading" role="status">
          Loading…
        </p>
      ) : cursor ? (
        <button type="button" className="button button--secondary button--small" onClick={() => void load(cursor)} data-testid="timeline-more">
          Show older
        </button>
      ) : entries.length > 0 ? (
        <p className="htimeline__end">Beginning of the history.</p>
      ) : null}
    </section>
  );
}
