'use client';

import { useEffect, useState } from 'react';
import type { PositionChangeDto } from '@/lib/api/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { changeWords, formatShortUtc } from '../ui/format';
import { fetchPositionHistory } from './room-api';

interface PositionHistoryProps {
  draftId: string;
  clauseId: string;
  /** Changes whenever a position on the clause changes: the history is loaded again. */
  version: unknown;
}

/** How many of the latest changes show before "Show earlier changes". */
const RECENT = 8;

/** Every change of position on one clause, oldest first: who, when, from what to what, and why. */
export function PositionHistory({ draftId, clauseId, version }: PositionHistoryProps) {
  const [changes, setChanges] = useState<PositionChangeDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    let cancelled = false;
    fetchPositionHistory(draftId, clauseId).then(
      (list) => {
        if (cancelled) return;
        setChanges(list);
        setError(null);
      },
      (err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : 'The history could not be loaded.');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [draftId, clauseId, version]);

  if (error && !changes) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (!changes) {
    return (
      <p className="cneg__muted" role="status">
        Loading the history…
      </p>
    );
  }
  if (changes.length === 0) {
    return (
      <p className="cneg__muted" data-testid="position-history" data-count="0">
        No delegation has stated a position on this clause yet.
      </p>
    );
  }
  const hidden = showAll ? 0 : Math.max(0, changes.length - RECENT);
  const shown = changes.slice(hidden);
  return (
    <>
      {hidden > 0 ? (
        <button type="button" className="linkish cneg__more" onClick={() => setShowAll(true)}>
          Show {hidden} earlier {hidden === 1 ? 'change' : 'changes'}
        </button>
      ) : null}
      <ol className="phistory" data-testid="position-history" data-count={changes.length} role="list">
        {shown.map((c) => (
          <li key={c.id} className="phistory__item" data-delegation={c.delegation}>
            <time dateTime={c.at} title={formatDateTimeUtc(c.at)} className="phistory__when">
              {formatShortUtc(c.at)}
            </time>
            <span className="visually-hidden"> · </span>
            <span className="phistory__what">
              <span className="phistory__who">
                {c.by} ({c.statedBy ? `${c.statedBy} for ${c.delegation}` : c.delegation})
              </span>
              : {c.kind === 'confirmed' ? 'confirmed on the current text' : changeWords(c)}
              {c.note ? <span className="phistory__note"> — {c.note}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
