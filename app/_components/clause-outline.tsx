'use client';

import { useEffect, useRef, type MouseEvent } from 'react';
import type { ClauseSummary, ConsensusDto } from '@/lib/api/types';
import { CONSENSUS_LABELS, summariseConsensus } from './negotiation/consensus-badge';
import { StatusBadge } from './status-badge';
import { CommentIcon } from './comments/comment-icon';
import { useOutlineDrag } from './structure/use-outline-drag';

interface ClauseOutlineProps {
  clauses: ClauseSummary[];
  activeClauseId: string | null;
  /** Consensus by clause id, once loaded. */
  consensus?: ReadonlyMap<string, ConsensusDto>;
  /** Open comment threads (that this person may see) by clause id, once loaded. */
  commentCounts?: ReadonlyMap<string, number>;
  /** Called after a clause link is followed (the outline drawer closes on narrow screens). */
  onNavigate?: () => void;
}

/** The consensus of a clause as a small mark: colour and shape (✓ disc, ring, square) repeat the word. */
function ConsensusMark({ consensus }: { consensus: ConsensusDto }) {
  const summary = summariseConsensus(consensus);
  return (
    <span
      className={`outline__consensus outline__consensus--${consensus.state}`}
      data-testid="outline-consensus"
      data-state={consensus.state}
      title={summary.full}
    >
      <span className="outline__consensus-mark" aria-hidden="true" />
      {CONSENSUS_LABELS[consensus.state]}
    </span>
  );
}

/** The clause's anchor in the page: its number, or its id while it has none (withdrawn). */
export function clauseAnchor(clause: ClauseSummary): string {
  return clause.number === null ? `clause-${clause.id}` : `clause-${clause.number}`;
}

/** Scroll to a clause and move keyboard focus to its heading. */
function goToClause(event: MouseEvent<HTMLAnchorElement>, clause: ClauseSummary) {
  const section = document.getElementById(clauseAnchor(clause));
  if (!section) return;
  event.preventDefault();
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  section.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
  section.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  window.history.replaceState(null, '', `#${clauseAnchor(clause)}`);
}

/** The left column: every clause by number and title, with its status. */
export function ClauseOutline({ clauses, activeClauseId, consensus, commentCounts, onNavigate }: ClauseOutlineProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const drag = useOutlineDrag(listRef);

  // Keep the clause being read visible in the outline, which scrolls on its own.
  useEffect(() => {
    const link = listRef.current?.querySelector<HTMLElement>('.outline__link.is-active');
    const container = listRef.current?.closest<HTMLElement>('.room-outline');
    if (!link || !container) return;
    const linkBox = link.getBoundingClientRect();
    const box = container.getBoundingClientRect();
    if (linkBox.top < box.top + 40) container.scrollTop -= box.top + 40 - linkBox.top;
    else if (linkBox.bottom > box.bottom - 16) container.scrollTop += linkBox.bottom - box.bottom + 16;
  }, [activeClauseId]);

  return (
    <nav className="outline" aria-label="Clauses">
      <h2 className="outline__heading">Clauses</h2>
      {drag.enabled && clauses.length > 1 ? <p className="outline__hint">Drag to reorder, or Alt+↑ / Alt+↓ on a clause.</p> : null}
      {clauses.length === 0 ? (
        <p className="rail-note">No clauses yet.</p>
      ) : (
        <ol className="outline__list" role="list" ref={listRef}>
          {clauses.map((clause, index) => {
            const c = clause.status === 'withdrawn' ? undefined : consensus?.get(clause.id);
            return (
              <li key={clause.id} className="outline__item" {...drag.itemProps(clause.id, index)}>
                <a
                  href={`#${clauseAnchor(clause)}`}
                  className={`outline__link${clause.id === activeClauseId ? ' is-active' : ''}${clause.status === 'withdrawn' ? ' is-withdrawn' : ''}`}
                  aria-current={clause.id === activeClauseId ? 'location' : undefined}
                  onClick={(event) => {
                    goToClause(event, clause);
                    onNavigate?.();
                  }}
                  onKeyDown={(event) => drag.onLinkKey(event, clause.id)}
                  data-outline-clause={clause.id}
                  aria-keyshortcuts={drag.enabled ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
                >
                  {drag.enabled ? <span className="outline__grip" aria-hidden="true" title="Drag to move" /> : null}
                  <span className="outline__number">{clause.number ?? '–'}</span>
                  <span className="outline__title">{clause.title}</span>
                  <span className="outline__states">
                    <StatusBadge status={clause.status} compact />
                    {c ? <ConsensusMark consensus={c} /> : null}
                    {commentCounts?.get(clause.id) ? (
                      <span
                        className="comment-count comment-count--outline"
                        data-testid="outline-comment-count"
                        title={`${commentCounts.get(clause.id)} open comment thread(s)`}
                      >
                        <CommentIcon /> {commentCounts.get(clause.id)}
                        <span className="visually-hidden"> open comments</span>
                      </span>
                    ) : null}
                  </span>
                </a>
              </li>
            );
          })}
        </ol>
      )}
    </nav>
  );
}
