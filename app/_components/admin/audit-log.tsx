'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState, useTransition } from 'react';
import type { AuditEntryDto, AuditPage } from '@/lib/api/types';
import { auditQuery, fetchAuditPage, type AuditFilters } from './admin-api';
import { AuditFilterBar } from './audit-filters';
import { AuditRow } from './audit-row';

export interface DraftOption {
  id: string;
  title: string;
}

interface AuditLogProps {
  initial: AuditPage;
  filters: AuditFilters;
  drafts: DraftOption[];
  pageSize: number;
}

/**
 * The audit log for the secretariat: newest first, filtered by action and draft (the
 * filters live in the address, so a filtered view can be bookmarked or shared), older
 * entries on request, the same selection as CSV. Each entry opens to its full record.
 */
export function AuditLog({ initial, filters, drafts, pageSize }: AuditLogProps) {
  const id = useId();
  const t = useTranslations('admin.audit');
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  const [entries, setEntries] = useState<AuditEntryDto[]>(initial.entries);
  const [nextBefore, setNextBefore] = useState<number | null>(initial.nextBefore);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());

  const titles = useMemo(() => new Map(drafts.map((d) => [d.id, d.title])), [drafts]);
  const filtered = filters.action !== '' || filters.draftId !== '';
  // Which draft an entry concerns only tells something when there are several and none is chosen.
  const showDraft = drafts.length > 1 && filters.draftId === '';

  function applyFilters(next: AuditFilters) {
    startNavigation(() => router.push(`/admin/audit${auditQuery(next)}`, { scroll: false }));
  }

  async function loadOlder() {
    if (loading || nextBefore === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchAuditPage(filters, nextBefore, pageSize);
      setEntries((prev) => [...prev, ...page.entries.filter((e) => !prev.some((p) => p.id === e.id))]);
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('olderNotLoaded'));
    } finally {
      setLoading(false);
    }
  }

  function toggle(entryId: number) {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(entryId)) next.delete(entryId);
      else next.add(entryId);
      return next;
    });
  }

  return (
    <main id="main" className="page admin-page">
      <div className="page-heading admin-heading">
        <div>
          <h1>{t('title')}</h1>
          <p className="page-heading__lede">{t('lede')}</p>
        </div>
        <a className="button button--secondary" href={`/api/audit/export${auditQuery(filters)}`} download data-testid="audit-export">
          {t('export')}
        </a>
      </div>

      <aside className="admin-aside" aria-labelledby={`${id}-chain`}>
        <h2 className="rail-heading" id={`${id}-chain`}>
          {t('chainTitle')}
        </h2>
        <p>
          {t('chainBefore')} <code className="admin-code">npm run audit:verify</code> {t('chainAfter')}
        </p>
      </aside>

      <AuditFilterBar filters={filters} drafts={drafts} navigating={navigating} shown={entries.length} more={nextBefore !== null} onChange={applyFilters} />

      <div className="admin-table-wrap" role="region" aria-label={t('entries')} tabIndex={0} aria-busy={navigating}>
        <table className={`admin-table audit-table${navigating ? ' is-stale' : ''}`} data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col" className="audit-table__toggle-head">
                <span className="visually-hidden">{t('fullRecord')}</span>
              </th>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('actor')}</th>
              <th scope="col">{t('action')}</th>
              <th scope="col">{t('subject')}</th>
              <th scope="col">{t('hash')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow
                key={entry.id}
                entry={entry}
                rowId={`${id}-entry-${entry.id}`}
                expanded={open.has(entry.id)}
                onToggle={() => toggle(entry.id)}
                draftTitle={entry.draftId ? (titles.get(entry.draftId) ?? t('draftShort', { id: entry.draftId.slice(0, 8) })) : null}
                showDraft={showDraft}
              />
            ))}
            {entries.length === 0 ? (
              <tr>
                <td className="admin-table__empty" colSpan={6}>
                  {filtered ? t('noMatch') : t('nothing')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <div className="admin-more">
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {nextBefore !== null ? (
          <button type="button" className="button button--secondary" onClick={loadOlder} disabled={loading || navigating}>
            {loading ? t('loading') : t('loadOlder')}
          </button>
        ) : entries.length > 0 ? (
          <p className="admin-more__end">{filtered ? t('endFiltered') : t('end')}</p>
        ) : null}
      </div>
    </main>
  );
}
