'use client';

import { useTranslations } from 'next-intl';
import type { AuditEntryDto } from '@/lib/api/types';
import { isKnownAuditAction, readableSubject, summariseAuditDetails } from '@/lib/ui/audit-entry';
import { DateTime } from '../ui/date-time';
import { useLabels } from '../ui/labels';

/** The family of an action (`position`, `silence`, …), which gives its mark a colour. */
function family(action: string): string {
  const head = action.split('.')[0];
  return ['position', 'clause', 'silence', 'user', 'draft'].includes(head) ? head : 'other';
}

const SHORT_HASH = 8;

interface AuditRowProps {
  entry: AuditEntryDto;
  /** Id of the full record's row (for aria-controls). */
  rowId: string;
  expanded: boolean;
  onToggle: () => void;
  draftTitle: string | null;
  /** Name the draft (several drafts listed, none chosen). */
  showDraft: boolean;
}

/** One audit entry: its line in the table and, when opened, its full record. */
export function AuditRow({ entry, rowId, expanded, onToggle, draftTitle, showDraft }: AuditRowProps) {
  const t = useTranslations('admin.audit');
  const labels = useLabels();
  const summary = summariseAuditDetails(entry);
  const actionLabel = isKnownAuditAction(entry.action) ? t(`actionLabel.${entry.action}`) : entry.action;
  return (
    <>
      <tr data-testid="audit-row" data-action={entry.action} data-entry-id={entry.id} className={expanded ? 'is-open' : undefined}>
        <td className="audit-table__toggle">
          <button
            type="button"
            className="audit-toggle"
            aria-expanded={expanded}
            aria-controls={expanded ? rowId : undefined}
            aria-label={t('fullRecordOf', { id: entry.id })}
            onClick={onToggle}
          >
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <path d="M4 2.5 7.5 6 4 9.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
        </td>
        <td className="admin-table__when">
          <DateTime iso={entry.at} style="seconds" />
        </td>
        <td className="audit-table__actor">
          {entry.actor ? (
            <>
              <span className="audit-table__actor-name" data-testid="audit-actor" title={labels.actor(entry.actor)}>
                {labels.actor(entry.actor)}
              </span>
              {entry.actorEmail ? <span className="audit-table__actor-email">{entry.actorEmail}</span> : null}
            </>
          ) : (
            (entry.actorEmail ?? (
              <span className="admin-table__none" title={t('automaticTitle')}>
                {t('automatic')}
              </span>
            ))
          )}
        </td>
        <td>
          <span className={`audit-action audit-action--${family(entry.action)}`} title={entry.action}>
            {actionLabel}
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
        <tr className="audit-table__more" id={rowId} data-testid="audit-record">
          <td />
          <td colSpan={5}>
            <dl className="audit-record">
              <div>
                <dt>{t('entry')}</dt>
                <dd>#{entry.id}</dd>
              </div>
              <div>
                <dt>{t('action')}</dt>
                <dd>
                  <code className="admin-code">{entry.action}</code>
                </dd>
              </div>
              <div>
                <dt>{t('at')}</dt>
                <dd>{entry.at}</dd>
              </div>
              {entry.draftId ? (
                <div>
                  <dt>{t('draft')}</dt>
                  <dd>
                    {draftTitle} <span className="admin-table__none">({entry.draftId})</span>
                  </dd>
                </div>
              ) : null}
              <div className="audit-record__wide">
                <dt>{t('hash')}</dt>
                <dd>
                  <code className="audit-hash audit-hash--full">{entry.hash}</code>
                </dd>
              </div>
            </dl>
            <pre className="audit-json">{JSON.stringify(entry.details, null, 2)}</pre>
          </td>
        </tr>
      ) : null}
    </>
  );
}
