'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { DraftSummary } from '@/lib/api/types';
import { DateTime } from '../ui/date-time';
import styles from './drafts.module.css';

function DraftCard({ draft }: { draft: DraftSummary }) {
  const t = useTranslations('drafts');
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
              {t('closed')}
            </span>
          ) : draft.access === 'read' ? (
            <span className="tag tag--muted">{t('readOnly')}</span>
          ) : (
            <span className="tag tag--write">{t('canEdit')}</span>
          )}
        </div>
        {draft.description ? <p className="draft-card__description">{draft.description}</p> : null}
        <dl className="draft-card__meta" id={metaId}>
          <div>
            <dt className="visually-hidden">{t('clausesLabel')}</dt>
            <dd>{t('clauseCount', { count: draft.clauseCount })}</dd>
          </div>
          <div>
            <dt className="visually-hidden">{t('delegationsLabel')}</dt>
            <dd>{t('delegationCount', { count: draft.delegationCount })}</dd>
          </div>
          <div>
            <dt>{t('updated')}</dt>
            <dd>
              <DateTime iso={draft.updatedAt} />
            </dd>
          </div>
        </dl>
        <div className={styles.progress} data-testid="draft-progress">
          <span className={styles.progressBar} aria-hidden="true">
            <span style={{ width: `${percent}%` }} />
          </span>
          <span>{t('agreedOf', { agreed: draft.agreedCount, total: draft.clauseCount })}</span>
        </div>
        <span className="draft-card__open" aria-hidden="true">
          {t('open')}
        </span>
      </Link>
    </li>
  );
}

/** The drafts shared with the person, with a search over titles and descriptions. */
export function DraftList({ drafts }: { drafts: DraftSummary[] }) {
  const t = useTranslations('drafts');
  const [query, setQuery] = useState('');
  const closedWord = t('searchClosedWord');
  const openWord = t('searchOpenWord');
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return drafts;
    return drafts.filter((d) => {
      const hay = `${d.title} ${d.description} ${d.state === 'closed' ? closedWord : openWord}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [drafts, query, closedWord, openWord]);
  return (
    <>
      <div className={styles.search}>
        <label className="visually-hidden" htmlFor="draft-search">
          {t('searchLabel')}
        </label>
        <input
          id="draft-search"
          type="search"
          placeholder={t('searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="draft-search"
        />
      </div>
      {shown.length === 0 ? (
        <p className={styles.noMatch} role="status">
          {t('noMatch', { query })}
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
