'use client';

import { useTranslations } from 'next-intl';
import type { UserDto } from '@/lib/api/types';
import { DateTime } from '../ui/date-time';
import { useLabels } from '../ui/labels';

/** What a row's buttons open. */
export type UserAction = 'edit' | 'access' | 'sign-out';

interface UserRowProps {
  user: UserDto;
  /** The signed-in secretariat member, who cannot disable themselves. */
  self: boolean;
  delegationName: string | null | undefined;
  onAction: (kind: UserAction) => void;
}

/** One person in the secretariat's list, with their actions. */
export function UserRow({ user: u, self, delegationName, onAction }: UserRowProps) {
  const t = useTranslations('admin.users');
  const labels = useLabels();
  return (
    <tr className={u.disabled ? 'is-disabled' : undefined} data-testid="user-row" data-email={u.email} data-disabled={u.disabled ? 'true' : 'false'}>
      <td className="admin-table__email">
        <span className="admin-table__email-text">{u.email}</span>
        {self ? <span className="tag tag--write admin-you">{t('you')}</span> : null}
      </td>
      <td className="admin-table__name">{u.name}</td>
      <td>{labels.role(u.role)}</td>
      <td className="admin-table__delegation">
        {u.delegation ? (
          <>
            <span className="code">{u.delegation}</span>
            {delegationName ? <span className="admin-table__delegation-name"> {delegationName}</span> : null}
          </>
        ) : (
          <span className="admin-table__none">—</span>
        )}
      </td>
      <td>
        <span className={`access-tag access-tag--${u.disabled ? 'disabled' : 'active'}`} data-testid="user-status">
          {u.disabled ? t('disabled') : t('active')}
        </span>
      </td>
      <td className="admin-table__when admin-table__created">
        <DateTime iso={u.createdAt} style="date" />
      </td>
      <td className="admin-table__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onAction('edit')}
          aria-label={t('editLabel', { email: u.email })}
        >
          {t('edit')}
        </button>
        {self ? (
          <span className="admin-table__self-note">
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{t('cannotDisableSelf')}</span>
          </span>
        ) : (
          <button
            type="button"
            className={`button button--small button--secondary ${u.disabled ? 'admin-enable' : 'admin-disable'}`}
            onClick={() => onAction('access')}
          >
            {u.disabled ? t('enable') : t('disable')}
          </button>
        )}
        {u.disabled ? null : (
          <button
            type="button"
            className="button button--small button--secondary admin-sign-out"
            onClick={() => onAction('sign-out')}
            aria-label={t('signOutEverywhereLabel', { email: u.email })}
          >
            {t('signOutEverywhere')}
          </button>
        )}
      </td>
    </tr>
  );
}
