'use client';

import type { UserDto } from '@/lib/api/types';
import { ROLE_LABELS } from '@/lib/ui/people';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DAY.format(d);
}

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
  return (
    <tr className={u.disabled ? 'is-disabled' : undefined} data-testid="user-row" data-email={u.email} data-disabled={u.disabled ? 'true' : 'false'}>
      <td className="admin-table__email">
        <span className="admin-table__email-text">{u.email}</span>
        {self ? <span className="tag tag--write admin-you">You</span> : null}
      </td>
      <td className="admin-table__name">{u.name}</td>
      <td>{ROLE_LABELS[u.role]}</td>
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
          {u.disabled ? 'Disabled' : 'Active'}
        </span>
      </td>
      <td className="admin-table__when admin-table__created">
        <time dateTime={u.createdAt} title={u.createdAt}>
          {day(u.createdAt)}
        </time>
      </td>
      <td className="admin-table__actions">
        <button type="button" className="button button--secondary button--small" onClick={() => onAction('edit')} aria-label={`Edit ${u.email}`}>
          Edit
        </button>
        {self ? (
          <span className="admin-table__self-note">
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">You cannot disable your own account</span>
          </span>
        ) : (
          <button
            type="button"
            className={`button button--small button--secondary ${u.disabled ? 'admin-enable' : 'admin-disable'}`}
            onClick={() => onAction('access')}
          >
            {u.disabled ? 'Enable' : 'Disable'}
          </button>
        )}
        {u.disabled ? null : (
          <button
            type="button"
            className="button button--small button--secondary admin-sign-out"
            onClick={() => onAction('sign-out')}
            aria-label={`Sign out everywhere: ${u.email}`}
          >
            Sign out everywhere
          </button>
        )}
      </td>
    </tr>
  );
}
