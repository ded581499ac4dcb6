'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { ClauseReplacedPayload } from '@/lib/realtime/events';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { acquireDraftChannel } from '../draft-socket';
import { compareHref } from '../history/history-api';
import { formatShortUtc } from '../ui/format';

/** What the secretariat did to one clause's text, as its notice shows it. */
export interface ReplacedNoticeData {
  summary: string;
  by: string;
  at: string;
  /** The comparison of the text just before with the text now. */
  href: string;
}

export interface ReplacedNotices {
  /** By clause id; the latest replacement of each clause not yet dismissed. */
  byClause: ReadonlyMap<string, ReplacedNoticeData>;
  dismiss: (clauseId: string) => void;
}

const NONE: ReadonlyMap<string, ReplacedNoticeData> = new Map();

/**
 * The secretariat replaced clause text (a restore, an adopted alternative) while this
 * page is open: `clause:replaced` on the draft's shared connection becomes a notice in
 * each clause it names, until dismissed. The officer who did it sees none.
 */
export function useReplacedNotices(draftId: string, myUserId: string): ReplacedNotices {
  const [byClause, setByClause] = useState<ReadonlyMap<string, ReplacedNoticeData>>(NONE);

  useEffect(() => {
    const { channel, release } = acquireDraftChannel(draftId);
    const onReplaced = (p: ClauseReplacedPayload) => {
      if (p.draftId !== draftId || p.byUserId === myUserId) return;
      setByClause((prev) => {
        const next = new Map(prev);
        for (const clauseId of p.clauseIds) {
          next.set(clauseId, { summary: p.summary, by: p.by, at: p.at, href: compareHref(draftId, p.before, 'now', clauseId) });
        }
        return next;
      });
    };
    channel.socket.on('clause:replaced', onReplaced);
    return () => {
      channel.socket.off('clause:replaced', onReplaced);
      release();
    };
  }, [draftId, myUserId]);

  const dismiss = useCallback((clauseId: string) => {
    setByClause((prev) => {
      if (!prev.has(clauseId)) return prev;
      const next = new Map(prev);
      next.delete(clauseId);
      return next;
    });
  }, []);

  return { byClause, dismiss };
}

/** "Text replaced by the secretariat: ALT 2 adopted — see the change", in the clause, dismissable. */
export function ReplacedNotice({ notice, clauseNumber, onDismiss }: { notice: ReplacedNoticeData; clauseNumber: number | null; onDismiss: () => void }) {
  return (
    <div className="replaced-notice" role="status" data-testid="replaced-notice">
      <p className="replaced-notice__text">
        <strong>Text replaced by the secretariat:</strong> {notice.summary} —{' '}
        <Link href={notice.href} className="replaced-notice__link" data-testid="replaced-notice-link">
          see the change
        </Link>
        <span className="replaced-notice__by">
          {' '}
          ({notice.by},{' '}
          <time dateTime={notice.at} title={formatDateTimeUtc(notice.at)}>
            {formatShortUtc(notice.at)} UTC
          </time>
          )
        </span>
      </p>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={onDismiss}
        aria-label={clauseNumber === null ? 'Dismiss the notice' : `Dismiss the notice on clause ${clauseNumber}`}
      >
        Dismiss
      </button>
    </div>
  );
}
