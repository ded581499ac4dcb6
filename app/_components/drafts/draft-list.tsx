'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { DraftSummary } from '@/lib/api/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import styles from './drafts.module.css';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function DraftCard({ draft }: { draft: DraftSummary }) {
  const titleId = `draft-title-${draft.id}`;
  const metaId = `draft-meta-${draft.id}`;
  const percent = draft.clauseCount === 0 ? 0 : Math.round((draft.agreedCount / draft.clauseCount) * 100);
  return (
    <li>
      <Link href={`/drafts/${draft.id}`} className="draft-card" data-testid="draft-card" data-state={draft.state} aria-describedby={metaId}>
        <div className="draft-card__top">
          <h2 className="draft-card__title" id={titleId}>
            {draft.title}
          </h2>
          {draft.state === 'closed' ? (
            <span className={`tag ${styles.closedTag}`} data-testid="draft-closed-tag">
              Closed
            </span>
          ) : draft.access === 'read' ? (
            <span className="tag tag--muted">Read only</span>
          ) : (
            <span className="tag tag--write">You can edit</span>
          )}
        </div>
        {draft.description ? <p className="draft-card__description">{draft.description}</p> : null}
        <dl className="draft-card__meta" id={metaId}>
          <div>
            <dt className="visually-hidden">Clauses</dt>
            <dd>{plural(draft.clauseCount, 'clause', 'clauses')}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Delegations</dt>
            <dd>{plural(draft.delegationCount, 'delegation', 'delegations')}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>
              <time dateTime={draft.updatedAt}>{formatDateTimeUtc(draft.updatedAt)}</time>
            </dd>
          </div>
        </dl>
        <div className={styles.progress} data-testid="draft-progress">
          <span className={styles.progressBar} aria-hidden="true">
            <span style={{ width: `${percent}%` }} />
          </span>
          <span>
            {draft.agreedCount} of {plural(draft.clauseCount, 'clause', 'clauses')} agreed
          </span>
        </div>
        <span className="draft-card__open" aria-hidden="true">
          Open draft →
        </span>
      </Link>
    </li>
  );
}

/** The drafts shared with the person, with a search over titles and descriptions. */
export function DraftList({ drafts }: { drafts: DraftSummary[] }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return drafts;
    return drafts.filter((d) => {
      const hay = `${d.title} ${d.description} ${d.state === 'closed' ? 'closed' : 'open'}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [drafts, query]);
  return (
    <>
      <div className={styles.search}>
        <label className="visually-hidden" htmlFor="draft-search">
          Search drafts
        </label>
        <input
          id="draft-search"
          type="search"
          placeholder="Search drafts by title or mandate…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="draft-search"
        />
      </div>
      {shown.length === 0 ? (
        <p className={styles.noMatch} role="status">
          No draft matches “{query}”.
        </p>
      ) : (
        <ul className="draft-list" role="list" style={{ marginTop: 20 }}>
          {shown.map((draft) => (
            <DraftCard key={draft.id} draft={draft} />
          ))}
        </ul>
      )}
    </>
  );
}
