'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { ClauseSummary, ConsensusDto, DelegationSummary } from '@/lib/api/types';
import type { CommentCountDto } from '@/lib/api/comment-types';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { StatusBadge } from '../status-badge';
import { CommentIcon } from '../comments/comment-icon';
import { ConsensusBadge, summariseConsensus } from './consensus-badge';
import { isStalePosition, type ClausePositions } from './negotiation-state';
import { PositionCell } from './position-cell';

interface DashboardRowProps {
  draftId: string;
  clause: ClauseSummary;
  /** The live status (the clause summary's own status is as of page load). */
  status: ClauseStatus;
  consensus: ConsensusDto | undefined;
  positions: ClausePositions;
  columns: readonly DelegationSummary[];
  highlight: DelegationCode | null;
  /** Comment threads on the clause that this person may see. */
  comments?: CommentCountDto;
  /** The cell of this row that holds the matrix's tab stop (`#` for the clause link), or null (consensus-matrix.tsx). */
  tabStop: string | null;
}

/**
 * One clause of the matrix. Memoised on its own data: a position change re-renders
 * the row of that clause only (its positions map is the only one replaced).
 */
export const DashboardRow = memo(function DashboardRow({
  draftId,
  clause,
  status,
  consensus,
  positions,
  columns,
  highlight,
  comments,
  tabStop,
}: DashboardRowProps) {
  const summary = consensus ? summariseConsensus(consensus) : null;
  return (
    <tr
      className={`matrix__row matrix__row--${status}`}
      data-testid="dashboard-row"
      data-clause-id={clause.id}
      data-clause-number={clause.number}
      data-consensus={consensus?.state ?? ''}
      data-status={status}
    >
      <th scope="row" className="matrix__clause">
        <Link
          href={`/drafts/${encodeURIComponent(draftId)}#clause-${clause.number}`}
          className="matrix__clause-link"
          tabIndex={tabStop === '#' ? 0 : -1}
          title={`${clause.number}. ${clause.title}`}
        >
          <span className="matrix__number">{clause.number}.</span> {clause.title}
        </Link>
        <span className="matrix__meta">
          <StatusBadge status={status} />
          {consensus && status !== 'withdrawn' ? <ConsensusBadge state={consensus.state} /> : null}
          {summary && status !== 'withdrawn' ? (
            <span className={`matrix__missing matrix__missing--${consensus?.state}`} title={summary.full}>
              {summary.detail}
            </span>
          ) : null}
          {comments && comments.open > 0 ? (
            <span
              className="comment-count"
              data-testid="dashboard-comment-count"
              title={`${comments.open} open, ${comments.resolved} resolved comment thread(s)`}
            >
              <CommentIcon /> {comments.open}
              <span className="visually-hidden"> open comments</span>
            </span>
          ) : null}
        </span>
      </th>
      {columns.map((d) => {
        const position = positions.get(d.code);
        return (
          <PositionCell
            key={d.code}
            delegation={d.code}
            name={d.name}
            position={position}
            stale={position ? isStalePosition(position, consensus) : false}
            highlight={d.code === highlight}
            tabStop={tabStop === d.code}
          />
        );
      })}
    </tr>
  );
});
