'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeNews, timelineNews, type TimelineNews } from '@/lib/history/timeline-news';
import type { TimelineEntry, TimelinePage } from '@/lib/history/types';
import { fetchTimeline, type TimelineFilters } from './history-api';
import type { HistoryPulse } from './use-history-pulse';

export interface TimelineState {
  entries: TimelineEntry[];
  cursor: string | null;
  loading: boolean;
  error: string | null;
  /** What a fresh first page holds that is not shown (null: nothing new). */
  news: TimelineNews | null;
  load(after: string | null): Promise<void>;
  showNews(): void;
}

/**
 * The timeline's pages for the given filters: loads the first page when they change (or
 * `version` moves), pages on, and on each pulse of the draft fetches the first page in the
 * background to offer what is new — the list never moves by itself.
 */
export function useTimeline(draftId: string, filters: TimelineFilters, version: number, pulse: HistoryPulse): TimelineState {
  const key = JSON.stringify(filters);
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // A fresh first page with news in it, offered until the reader asks for it.
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

  return { entries, cursor, loading, error, news, load, showNews };
}
