'use client';

import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import type { UserDto } from '@/lib/api/types';
import { useLabels } from '../ui/labels';
import type { DelegationOption } from './delegation-option';
import { UserDialogs, type UsersDialog } from './user-dialogs';
import { UserRow } from './user-row';

interface UsersAdminProps {
  initialUsers: UserDto[];
  delegations: DelegationOption[];
  /** The signed-in secretariat member, who cannot disable themselves. */
  selfId: string;
}

type StatusFilter = 'all' | 'active' | 'disabled';

function byEmail(a: UserDto, b: UserDto): number {
  return a.email.localeCompare(b.email);
}

/**
 * The secretariat's list of people: filter, add, change role or delegation, disable
 * and enable, sign out everywhere. Every change goes through the API and the row shows what the server
 * answered; refusals appear in the dialog, in the server's words.
 */
export function UsersAdmin({ initialUsers, delegations, selfId }: UsersAdminProps) {
  const id = useId();
  const t = useTranslations('admin.users');
  const labels = useLabels();
  const [users, setUsers] = useState<UserDto[]>(() => [...initialUsers].sort(byEmail));
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [dialog, setDialog] = useState<UsersDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const names = useMemo(() => new Map(delegations.map((d) => [d.code, d.name])), [delegations]);
  const counts = useMemo(
    () => ({ all: users.length, active: users.filter((u) => !u.disabled).length, disabled: users.filter((u) => u.disabled).length }),
    [users],
  );

  const needle = query.trim().toLowerCase();
  const visible = users.filter((u) => {
    if (status === 'active' && u.disabled) return false;
    if (status === 'disabled' && !u.disabled) return false;
    if (!needle) return true;
    const haystack = [u.email, u.name, u.delegation ?? '', u.delegation ? (names.get(u.delegation) ?? '') : '', labels.role(u.role), labels.affiliation(u)]
      .join(' ')
      .toLowerCase();
    return haystack.includes(needle);
  });
  const filtered = needle !== '' || status !== 'all';

  /** A person as the server answered: added, or replacing the row shown. */
  function upsert(user: UserDto) {
    setUsers((prev) => [...prev.filter((u) => u.id !== user.id), user].sort(byEmail));
  }

  return (
    <main id="main" className="page admin-page">
      <div className="page-heading admin-heading">
        <div>
          <h1>{t('title')}</h1>
          <p className="page-heading__lede">{t('lede')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setNotice(null);
            setDialog({ kind: 'add' });
          }}
        >
          {t('add')}
        </button>
      </div>

      {notice ? (
        <div className="notice notice--ok admin-notice" role="status" data-testid="users-notice">
          <span>{notice}</span>
          <button type="button" className="linkish" onClick={() => setNotice(null)}>
            {t('dismiss')}
          </button>
        </div>
      ) : null}

      <div className="dash-filters admin-filters">
        <div className="admin-search">
          <label htmlFor={`${id}-filter`}>{t('filter')}</label>
          <input
            id={`${id}-filter`}
            type="search"
            placeholder={t('filterPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="segmented" role="group" aria-label={t('status')}>
          {(['all', 'active', 'disabled'] as const).map((s) => (
            <button key={s} type="button" className="segmented__option" aria-pressed={status === s} data-filter={s} onClick={() => setStatus(s)}>
              {t(s)} <span className="segmented__count">{counts[s]}</span>
            </button>
          ))}
        </div>
        <p className="dash-filters__shown" aria-live="polite">
          {filtered ? (
            <>
              {t('shownOf', { shown: visible.length, total: users.length })}{' '}
              <button
                type="button"
                className="linkish"
                onClick={() => {
                  setQuery('');
                  setStatus('all');
                }}
              >
                {t('clearFilters')}
              </button>
            </>
          ) : (
            t('count', { count: users.length })
          )}
        </p>
      </div>

      <div className="admin-table-wrap" role="region" aria-label={t('people')} tabIndex={0}>
        <table className="admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('delegation')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" className="admin-table__created">
                {t('created')}
              </th>
              <th scope="col" className="admin-table__actions-head">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                self={u.id === selfId}
                delegationName={u.delegation ? names.get(u.delegation) : null}
                onAction={(kind) => {
                  setNotice(null);
                  setDialog({ kind, user: u });
                }}
              />
            ))}
            {visible.length === 0 ? (
              <tr>
                <td className="admin-table__empty" colSpan={7}>
                  {needle ? t('nobodyMatches', { query: query.trim() }) : t('nobody')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <UserDialogs dialog={dialog} delegations={delegations} selfId={selfId} onClose={() => setDialog(null)} onNotice={setNotice} onUser={upsert} />
    </main>
  );
}
