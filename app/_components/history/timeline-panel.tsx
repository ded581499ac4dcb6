'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ClauseSummary, DelegationSummary } from '@/lib/api/types';
import { CLAUSE_STATUS_LABELS, POSITION_LABELS, type ClauseStatus, type Position } from '@/lib/domain/vocabulary';
import { describeNews, mergeNews, timelineNews } from '@/lib/history/timeline-news';
import type { TimelineEntry, TimelinePage } from '@/lib/history/types';
import { auditActionLabel } from '@/lib/ui/audit-entry';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { AuthorTag, authorStyle } from './author-tag';
import { fetchTimeline, type TimelineFilters } from './history-api';
import { LiveNotice } from './live-notice';
import type { HistoryPulse } from './use-history-pulse';

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

const statusWord = (s: string | null) => (s && s in CLAUSE_STATUS_LABELS ? CLAUSE_STATUS_LABELS[s as ClauseStatus] : s ?? '—');
const positionWord = (p: string | null) => (p && p in POSITION_LABELS ? POSITION_LABELS[p as Position].label : p ?? 'none');
const clausesWord = (numbers: number[]) => (numbers.length === 0 ? '' : numbers.length === 1 ? `clause ${numbers[0]}` : `clauses ${numbers.join(', ')}`);

function timeRange(startedAt: string, endedAt: string): string {
  if (startedAt === endedAt) return formatDateTimeUtc(endedAt);
  const start = formatDateTimeUtc(startedAt);
  const end = formatDateTimeUtc(endedAt);
  // Same day: "4 Mar 2026, 14:05–14:12 UTC".
  const [startDay] = start.split(', ');
  const [endDay, endTime] = end.split(', ');
  return startDay === endDay ? `${start.replace(' UTC', '')}–${endTime}` : `${start} – ${end}`;
}

/** Edit sessions, revisions, status and position changes, newest first, with filters and paging. */
export function TimelinePanel({ draftId, clauses, delegations, version, pulse, onCompare, onOpenRevision }: TimelinePanelProps) {
  const id = useId();
  const [clause, setClause] = useState('');
  const [delegation, setDelegation] = useState('');
  const [fromLocal, setFromLocal] = useState('');
  const [toLocal, setToLocal] = useState('');
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const filters: TimelineFilters = { clause: clause || undefined, delegation: delegation || undefined, from: isoOf(fromLocal), to: isoOf(toLocal) };
  const key = JSON.stringify(filters);

  // A fresh first page with news in it, offered until the reader asks for it (the list never moves by itself).
  const [fresh, setFresh] = useState<TimelinePage | null>(null);
  const shown = useRef({ entries, key, busy: true, missed: false });
  useEffect(() => {
    shown.current.entries = entries;
    shown.current.key = key;
  }, [entries, key]);

  /** Fetch the first page in the background and keep it when it holds news. */
  const check = useCallback(async () => {
    if (shown.current.busy) {
      shown.current.missed = true;
      return;
    }
    const asked = shown.current.key;
    try {
      const page = await fetchTimeline(draftId, JSON.parse(asked) as TimelineFilters, null);
      if (shown.current.key !== asked || shown.current.busy) return;
      setFresh(timelineNews(page.entries, page.nextCursor, shown.current.entries) ? page : null);
    } catch {
      // A missed check is harmless: the next change checks again.
    }
  }, [draftId]);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      shown.current.busy = true;
      setError(null);
      if (!after) setFresh(null);
      try {
        const page = await fetchTimeline(draftId, JSON.parse(key) as TimelineFilters, after);
        const next = after ? [...shown.current.entries, ...page.entries] : page.entries;
        shown.current.entries = next;
        setEntries(next);
        setCursor(page.nextCursor);
      } catch (err) {
        setError(err instanceof Error ? err.message : 'The timeline could not be loaded.');
      } finally {
        setLoading(false);
        shown.current.busy = false;
      }
      // Something changed while this page was loading: it may or may not be in it.
      if (shown.current.missed) {
        shown.current.missed = false;
        setTimeout(() => void check(), 0);
      }
    },
    [draftId, key, check],
  );

  useEffect(() => {
    void load(null);
  }, [load, version]);

  // The draft changed: look for news a moment later (changes come in bursts).
  useEffect(() => {
    if (pulse.tick === 0) return;
    const timer = setTimeout(() => void check(), 400);
    return () => clearTimeout(timer);
  }, [pulse.tick, check]);

  const news = fresh ? timelineNews(fresh.entries, fresh.nextCursor, entries) : null;
  const showNews = () => {
    if (!fresh) return;
    const merged = mergeNews(fresh.entries, fresh.nextCursor, entries, cursor);
    shown.current.entries = merged.entries;
    setEntries(merged.entries);
    setCursor(merged.cursor);
    setFresh(null);
  };

  const numberOf = new Map(clauses.map((c) => [c.id, c.number]));
  const filtered = Boolean(clause || delegation || fromLocal || toLocal);

  return (
    <section className="hpanel" aria-labelledby="timeline-title" data-testid="timeline-panel">
      <h2 className="hpanel__title" id="timeline-title">
        Timeline
      </h2>
      <div className="hfilters" role="group" aria-label="Filter the timeline">
        <span className="dash-filters__field">
          <label htmlFor={`${id}-clause`}>Clause</label>
          <select id={`${id}-clause`} value={clause} onChange={(e) => setClause(e.target.value)} data-testid="timeline-clause">
            <option value="">All clauses</option>
            {clauses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.number}. {c.title}
              </option>
            ))}
          </select>
        </span>
        <span className="dash-filters__field">
          <label htmlFor={`${id}-delegation`}>Delegation</label>
          <select id={`${id}-delegation`} value={delegation} onChange={(e) => setDelegation(e.target.value)} data-testid="timeline-delegation">
            <option value="">All</option>
            {delegations.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} · {d.name}
              </option>
            ))}
          </select>
        </span>
        <span className="dash-filters__field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="datetime-local" value={fromLocal} onChange={(e) => setFromLocal(e.target.value)} />
        </span>
        <span className="dash-filters__field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="datetime-local" value={toLocal} onChange={(e) => setToLocal(e.target.value)} />
        </span>
        {filtered ? (
          <button
            type="button"
            className="linkish"
            onClick={() => {
              setClause('');
              setDelegation('');
              setFromLocal('');
              setToLocal('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>

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
          <p>{filtered ? 'Widen the time range or pick another clause or delegation.' : 'Edits, revisions and decisions will appear here as they happen.'}</p>
        </div>
      ) : null}

      {news ? <LiveNotice text={describeNews(news)} action="Show" onAction={showNews} testId="timeline-news" /> : null}
      <ol className="htimeline" aria-busy={loading} data-testid="timeline">
        {entries.map((entry) => (
          <li key={`${entry.kind}:${entry.id}`} className={`htimeline__item htimeline__item--${entry.kind}`} data-kind={entry.kind}>
            <time className="htimeline__time" dateTime={entry.at}>
              {entry.kind === 'session' ? timeRange(entry.startedAt, entry.endedAt) : formatDateTimeUtc(entry.at)}
            </time>
            {entry.kind === 'session' ? (
              <div className="htimeline__body" data-testid="timeline-session" data-delegation={entry.delegation ?? ''}>
                <p>
                  <AuthorTag style={authorStyle(entry.delegation, entry.userName, delegations)} /> <strong>{entry.userName ?? 'Unknown author'}</strong> edited{' '}
                  {clausesWord(entry.clauseNumbers) || 'the text'}
                </p>
                <p className="htimeline__meta">
                  <span className="hclause__plus">+{entry.inserted}</span> <span className="hclause__minus">−{entry.deleted}</span> characters · {entry.edits}{' '}
                  {entry.edits === 1 ? 'change' : 'changes'}
                </p>
                <button type="button" className="linkish" onClick={() => onCompare(`log:${entry.firstLogId - 1}`, `log:${entry.lastLogId}`)}>
                  Show these changes
                </button>
              </div>
            ) : entry.kind === 'revision' ? (
              <div className="htimeline__body">
                <p>
                  <span className="hrevtag">{entry.revision.label}</span> cut by <strong>{entry.revision.createdBy}</strong>
                  {entry.revision.note ? <span className="htimeline__note"> — “{entry.revision.note}”</span> : null}
                </p>
                <p className="button-row">
                  <button type="button" className="linkish" onClick={() => onOpenRevision(entry.revision.number)}>
                    Open
                  </button>
                  <button type="button" className="linkish" onClick={() => onCompare(`rev:${entry.revision.number}`, 'now')}>
                    Compare with now
                  </button>
                </p>
              </div>
            ) : entry.kind === 'status' ? (
              <div className="htimeline__body">
                <p>
                  <strong>{auditActionLabel(entry.action)}</strong>
                  {entry.clauseNumbers.length ? ` · ${clausesWord(entry.clauseNumbers)}` : ''}
                  {entry.action === 'clause.status' ? ` · ${statusWord(entry.from)} → ${statusWord(entry.to)}` : entry.action === 'history.restored' && entry.to ? ` to ${entry.to}` : ''}
                </p>
                <p className="htimeline__meta">
                  {entry.by ? `by ${entry.by}` : 'automatically'}
                  {entry.note ? ` — “${entry.note}”` : ''}
                </p>
              </div>
            ) : (
              <div className="htimeline__body">
                <p>
                  <AuthorTag style={authorStyle(entry.delegation, null, delegations)} /> position on clause {entry.clauseNumber ?? numberOf.get(entry.clauseId) ?? '?'}:{' '}
                  {positionWord(entry.from)} → <strong>{positionWord(entry.to)}</strong>
                </p>
                {entry.by ? <p className="htimeline__meta">by {entry.by}</p> : null}
              </div>
            )}
          </li>
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
