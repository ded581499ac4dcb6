'use client';

import { useId, useMemo, useState } from 'react';
import type { UserDto } from '@/lib/api/types';
import { ROLE_LABELS, affiliationLabel } from '@/lib/ui/people';
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
    const haystack = [u.email, u.name, u.delegation ?? '', u.delegation ? (names.get(u.delegation) ?? '') : '', ROLE_LABELS[u.role], affiliationLabel(u)]
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
          <h1>Users</h1>
          <p className="page-heading__lede">
            Everyone who can sign in to Accord, with their role and delegation. A change of role or delegation, or disabling someone, ends their open sessions
            at once.
          </p>
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setNotice(null);
            setDialog({ kind: 'add' });
          }}
        >
          Add person
        </button>
      </div>

      {notice ? (
        <div className="notice notice--ok admin-notice" role="status" data-testid="users-notice">
          <span>{notice}</span>
          <button type="button" className="linkish" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}

      <div className="dash-filters admin-filters">
        <div className="admin-search">
          <label htmlFor={`${id}-filter`}>Filter</label>
          <input
            id={`${id}-filter`}
            type="search"
            placeholder="Email, name, delegation or role"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="segmented" role="group" aria-label="Status">
          {(['all', 'active', 'disabled'] as const).map((s) => (
            <button key={s} type="button" className="segmented__option" aria-pressed={status === s} data-filter={s} onClick={() => setStatus(s)}>
              {s === 'all' ? 'All' : s === 'active' ? 'Active' : 'Disabled'} <span className="segmented__count">{counts[s]}</span>
            </button>
          ))}
        </div>
        <p className="dash-filters__shown" aria-live="polite">
          {filtered ? (
            <>
              {visible.length} of {users.length} people{' '}
              <button
                type="button"
                className="linkish"
                onClick={() => {
                  setQuery('');
                  setStatus('all');
                }}
              >
                Clear filters
              </button>
            </>
          ) : (
            `${users.length} ${users.length === 1 ? 'person' : 'people'}`
          )}
        </p>
      </div>

      <div className="admin-table-wrap" role="region" aria-label="People" tabIndex={0}>
        <table className="admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Delegation</th>
              <th scope="col">Status</th>
              <th scope="col" className="admin-table__created">
                Created
              </th>
              <th scope="col" className="admin-table__actions-head">
                <span className="visually-hidden">Actions</span>
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
                  {needle ? `Nobody matches “${query.trim()}”.` : 'Nobody here.'}
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
