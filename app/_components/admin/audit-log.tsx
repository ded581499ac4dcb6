'use client';

import { useRouter } from 'next/navigation';
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
      setError(err instanceof Error ? err.message : 'Older entries could not be loaded.');
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
          <h1>Audit log</h1>
          <p className="page-heading__lede">
            Every change of state in Accord, newest first: positions, statuses, silence procedures, brackets, alternatives, comments, revisions, people and
            sign-ins.
          </p>
        </div>
        <a className="button button--secondary" href={`/api/audit/export${auditQuery(filters)}`} download data-testid="audit-export">
          Export CSV
        </a>
      </div>

      <aside className="admin-aside" aria-labelledby={`${id}-chain`}>
        <h2 className="rail-heading" id={`${id}-chain`}>
          How this record is protected
        </h2>
        <p>
          Entries are only ever appended, each with a SHA-256 hash of its content and of the entry before it: editing or deleting one breaks the chain. To check
          it, run <code className="admin-code">npm run audit:verify</code> on the server (stop the server first with the embedded database); it names the first
          edited or deleted entry. Removing the newest entries leaves no break, so keep the entry count it prints, or a backup, outside the database.
        </p>
      </aside>

      <AuditFilterBar filters={filters} drafts={drafts} navigating={navigating} shown={entries.length} more={nextBefore !== null} onChange={applyFilters} />

      <div className="admin-table-wrap" role="region" aria-label="Audit entries" tabIndex={0} aria-busy={navigating}>
        <table className={`admin-table audit-table${navigating ? ' is-stale' : ''}`} data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col" className="audit-table__toggle-head">
                <span className="visually-hidden">Full record</span>
              </th>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Subject and details</th>
              <th scope="col">Hash</th>
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
                draftTitle={entry.draftId ? (titles.get(entry.draftId) ?? `draft ${entry.draftId.slice(0, 8)}…`) : null}
                showDraft={showDraft}
              />
            ))}
            {entries.length === 0 ? (
              <tr>
                <td className="admin-table__empty" colSpan={6}>
                  {filtered ? 'No entry matches these filters.' : 'Nothing has been recorded yet.'}
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
            {loading ? 'Loading…' : 'Load older'}
          </button>
        ) : entries.length > 0 ? (
          <p className="admin-more__end">{filtered ? 'The oldest matching entry is above.' : 'This is the first entry ever recorded.'}</p>
        ) : null}
      </div>
    </main>
  );
}
