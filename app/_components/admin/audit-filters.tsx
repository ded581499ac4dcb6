'use client';

import { useTranslations } from 'next-intl';
import { AUDIT_ACTIONS, isKnownAuditAction } from '@/lib/ui/audit-entry';
import type { AuditFilters } from './admin-api';
import type { DraftOption } from './audit-log';

interface AuditFilterBarProps {
  filters: AuditFilters;
  drafts: DraftOption[];
  navigating: boolean;
  /** Entries shown, and whether older ones can be loaded. */
  shown: number;
  more: boolean;
  onChange: (next: AuditFilters) => void;
}

/** Filter the audit log by action (every action, by its label) and draft. */
export function AuditFilterBar({ filters, drafts, navigating, shown, more, onChange }: AuditFilterBarProps) {
  const t = useTranslations('admin.audit');
  const filtered = filters.action !== '' || filters.draftId !== '';
  // An action the log holds but this version does not list still needs an option to show as chosen.
  const actionOptions: readonly string[] =
    filters.action && !(AUDIT_ACTIONS as readonly string[]).includes(filters.action) ? [...AUDIT_ACTIONS, filters.action] : AUDIT_ACTIONS;
  return (
    <div className="dash-filters admin-filters">
      <label className="dash-filters__field">
        <span>{t('action')}</span>
        <select
          value={filters.action}
          onChange={(e) => onChange({ ...filters, action: e.target.value })}
          data-testid="audit-action-filter"
          disabled={navigating}
        >
          <option value="">{t('allActions')}</option>
          {actionOptions.map((a) => (
            <option key={a} value={a}>
              {isKnownAuditAction(a) ? `${t(`actionLabel.${a}`)} (${a})` : a}
            </option>
          ))}
        </select>
      </label>
      <label className="dash-filters__field">
        <span>{t('draft')}</span>
        <select
          value={filters.draftId}
          onChange={(e) => onChange({ ...filters, draftId: e.target.value })}
          data-testid="audit-draft-filter"
          disabled={navigating}
        >
          <option value="">{t('anyDraft')}</option>
          {drafts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      <p className="dash-filters__shown" aria-live="polite">
        {navigating ? (
          t('loading')
        ) : (
          <>
            {more ? t('shownMore', { count: shown }) : filtered ? t('shownMatch', { count: shown }) : t('shown', { count: shown })}
            {filtered ? (
              <>
                {' '}
                <button type="button" className="linkish" onClick={() => onChange({ action: '', draftId: '' })}>
                  {t('clearFilters')}
                </button>
              </>
            ) : null}
          </>
        )}
      </p>
    </div>
  );
}
