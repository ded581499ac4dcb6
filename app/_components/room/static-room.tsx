import type { DraftDetail } from '@/lib/api/types';
import type { StaticNode } from '@/lib/collab/static-nodes';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { clauseAnchor } from '../clause-outline';
import { StaticClauseText } from '../static-clause-text';
import { StatusBadge } from '../status-badge';

/**
 * The room as the server renders it, before the room's code has loaded: the same frame,
 * head and clauses as DraftRoom with every clause's text read-only, so people read at
 * once. DraftRoom replaces it and keeps the texts until each editor holds its own.
 */
export function StaticRoom({ draft, texts }: { draft: DraftDetail; texts: Readonly<Record<string, StaticNode[]>> }) {
  const active = draft.clauses.filter((c) => c.status !== 'withdrawn').length;
  const participants = draft.delegations.filter((d) => d.participation === 'participant').length;
  return (
    <div className="room" data-testid="static-room">
      <div className="room-top">
        <div className="room-bar">
          <div className="room-bar__left">
            <span className="room-bar__title neg-bar__title">{draft.title}</span>
          </div>
          <div className="room-bar__right" role="status">
            <span className="spinner" aria-hidden="true" /> Opening the draft…
          </div>
        </div>
      </div>
      <div className="room-grid" data-rail-open="false" data-outline-open="false">
        <aside className="room-outline" aria-label="Clause outline" />
        <main id="main" className="text-column" tabIndex={-1} data-comment-margin="false">
          <div className="paper">
            <header className="draft-head">
              <p className="draft-head__eyebrow">Negotiating text</p>
              <h1 className="draft-head__title">{draft.title}</h1>
              {draft.description ? <p className="draft-head__description">{draft.description}</p> : null}
              <p className="draft-head__meta">
                {active} {active === 1 ? 'clause' : 'clauses'} · {participants} {participants === 1 ? 'delegation' : 'delegations'} · updated{' '}
                <time dateTime={draft.updatedAt}>{formatDateTimeUtc(draft.updatedAt)}</time>
              </p>
            </header>
            {draft.clauses.map((clause) => (
              <section
                key={clause.id}
                className={`clause clause--${clause.status}`}
                id={clauseAnchor(clause)}
                data-collapsed={clause.status === 'withdrawn' ? 'true' : undefined}
                aria-labelledby={`clause-heading-${clause.id}`}
              >
                <header className="clause__header">
                  <h2 className="clause__title" id={`clause-heading-${clause.id}`}>
                    {clause.number !== null ? (
                      <span className="clause__number">{clause.number}.</span>
                    ) : (
                      <span className="clause__withdrawn-tag">[withdrawn]</span>
                    )}{' '}
                    {clause.title}
                  </h2>
                  <div className="clause__status">
                    <StatusBadge status={clause.status} />
                  </div>
                </header>
                <div className="clause__body" aria-busy="true">
                  <StaticClauseText nodes={texts[clause.id] ?? []} />
                </div>
              </section>
            ))}
          </div>
        </main>
        <aside className="room-rail" aria-label="People and delegations" />
      </div>
    </div>
  );
}
