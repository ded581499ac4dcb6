'use client';

import { useRouter } from 'next/navigation';
import { Fragment, useId, useMemo, useState, useTransition } from 'react';
import type { AuditEntryDto, AuditPage } from '@/lib/api/types';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel, formatAuditTime, readableSubject, summariseAuditDetails } from '@/lib/ui/audit-entry';
import { auditQuery, fetchAuditPage, type AuditFilters } from './admin-api';

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

/** The family of an action (`position`, `silence`, …), which gives its mark a colour. */
function family(action: string): string {
  const head = action.split('.')[0];
  return ['position', 'clause', 'silence', 'user', 'draft'].includes(head) ? head : 'other';
}

const SHORT_HASH = 8;

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
  // An action the log holds but this version does not list still needs an option to show as chosen.
  const actionOptions: readonly string[] = filters.action && !(AUDIT_ACTIONS as readonly string[]).includes(filters.action) ? [...AUDIT_ACTIONS, filters.action] : AUDIT_ACTIONS;

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
          <p className="page-heading__lede">Every change of state in Accord, newest first: positions, statuses, silence procedures, people and sign-ins.</p>
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
          Entries are only ever appended, each with a SHA-256 hash of its content and of the entry before it: editing or deleting one breaks
          the chain. To check it, run <code className="admin-code">npm run audit:verify</code> on the server (stop the server first with the
          embedded database); it names the first edited or deleted entry. Removing the newest entries leaves no break, so keep the entry count
          it prints, or a backup, outside the database.
        </p>
      </aside>

      <div className="dash-filters admin-filters">
        <label className="dash-filters__field">
          <span>Action</span>
          <select
            value={filters.action}
            onChange={(e) => applyFilters({ ...filters, action: e.target.value })}
            data-testid="audit-action-filter"
            disabled={navigating}
          >
            <option value="">all actions</option>
            {actionOptions.map((a) => (
              <option key={a} value={a}>
                {a in AUDIT_ACTION_LABELS ? `${auditActionLabel(a)} (${a})` : a}
              </option>
            ))}
          </select>
        </label>
        <label className="dash-filters__field">
          <span>Draft</span>
          <select
            value={filters.draftId}
            onChange={(e) => applyFilters({ ...filters, draftId: e.target.value })}
            data-testid="audit-draft-filter"
            disabled={navigating}
          >
            <option value="">any draft</option>
            {drafts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <p className="dash-filters__shown" aria-live="polite">
          {navigating ? (
            'Loading…'
          ) : (
            <>
              {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
              {nextBefore !== null ? ' shown, older ones below' : filtered ? ' match' : ''}
              {filtered ? (
                <>
                  {' '}
                  <button type="button" className="linkish" onClick={() => applyFilters({ action: '', draftId: '' })}>
                    Clear filters
                  </button>
                </>
              ) : null}
            </>
          )}
        </p>
      </div>

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
            {entries.map((entry) => {
              const expanded = open.has(entry.id);
              const moreId = `${id}-entry-${entry.id}`;
              const summary = summariseAuditDetails(entry);
              const draftTitle = entry.draftId ? (titles.get(entry.draftId) ?? `draft ${entry.draftId.slice(0, 8)}…`) : null;
              return (
                <Fragment key={entry.id}>
                  <tr data-testid="audit-row" data-action={entry.action} data-entry-id={entry.id} className={expanded ? 'is-open' : undefined}>
                    <td className="audit-table__toggle">
                      <button
                        type="button"
                        className="audit-toggle"
                        aria-expanded={expanded}
                        aria-controls={expanded ? moreId : undefined}
                        aria-label={`Full record of entry ${entry.id}`}
                        onClick={() => toggle(entry.id)}
                      >
                        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                          <path d="M4 2.5 7.5 6 4 9.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
                        </svg>
                      </button>
                    </td>
                    <td className="admin-table__when">
                      <time dateTime={entry.at}>{formatAuditTime(entry.at, { zone: false })}</time>
                    </td>
                    <td className="audit-table__actor">
                      {entry.actorEmail ?? (
                        <span className="admin-table__none" title="Written by Accord itself: a deadline passing, or seeding">
                          Accord (automatic)
                        </span>
                      )}
                    </td>
                    <td>
                      <span className={`audit-action audit-action--${family(entry.action)}`} title={entry.action}>
                        {auditActionLabel(entry.action)}
                      </span>
                    </td>
                    <td className="audit-table__subject">
                      {entry.subject ? (
                        <span className="audit-table__subject-text" title={entry.subject}>
                          {readableSubject(entry.subject)}
                        </span>
                      ) : null}
                      {summary ? <span className="audit-table__details">{summary}</span> : null}
                      {draftTitle && showDraft && draftTitle !== entry.subject ? <span className="audit-table__draft">{draftTitle}</span> : null}
                      {!entry.subject && !summary ? <span className="admin-table__none">—</span> : null}
                    </td>
                    <td>
                      <code className="audit-hash" title={entry.hash}>
                        {entry.hash.slice(0, SHORT_HASH)}
                      </code>
                    </td>
                  </tr>
                  {expanded ? (
                    <tr className="audit-table__more" id={moreId} data-testid="audit-record">
                      <td />
                      <td colSpan={5}>
                        <dl className="audit-record">
                          <div>
                            <dt>Entry</dt>
                            <dd>#{entry.id}</dd>
                          </div>
                          <div>
                            <dt>Action</dt>
                            <dd>
                              <code className="admin-code">{entry.action}</code>
                            </dd>
                          </div>
                          <div>
                            <dt>At</dt>
                            <dd>{entry.at}</dd>
                          </div>
                          {entry.draftId ? (
                            <div>
                              <dt>Draft</dt>
                              <dd>
                                {draftTitle} <span className="admin-table__none">({entry.draftId})</span>
                              </dd>
                            </div>
                          ) : null}
                          <div className="audit-record__wide">
                            <dt>Hash</dt>
                            <dd>
                              <code className="audit-hash audit-hash--full">{entry.hash}</code>
                            </dd>
                          </div>
                        </dl>
                        <pre className="audit-json">{JSON.stringify(entry.details, null, 2)}</pre>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
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
