'use client';

import { useId, useMemo, useState } from 'react';
import type { UserDto } from '@/lib/api/types';
import { ROLE_LABELS, affiliationLabel } from '@/lib/ui/people';
import { AccessDialog } from './access-dialog';
import { AddPersonDialog } from './add-person-dialog';
import type { DelegationOption } from './delegation-option';
import { EditPersonDialog } from './edit-person-dialog';

interface UsersAdminProps {
  initialUsers: UserDto[];
  delegations: DelegationOption[];
  /** The signed-in secretariat member, who cannot disable themselves. */
  selfId: string;
}

type StatusFilter = 'all' | 'active' | 'disabled';

type Dialog = { kind: 'add' } | { kind: 'edit'; user: UserDto } | { kind: 'access'; user: UserDto } | null;

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DAY.format(d);
}

function byEmail(a: UserDto, b: UserDto): number {
  return a.email.localeCompare(b.email);
}

/**
 * The secretariat's list of people: filter, add, change role or delegation, disable
 * and enable. Every change goes through the API and the row shows what the server
 * answered; refusals appear in the dialog, in the server's words.
 */
export function UsersAdmin({ initialUsers, delegations, selfId }: UsersAdminProps) {
  const id = useId();
  const [users, setUsers] = useState<UserDto[]>(() => [...initialUsers].sort(byEmail));
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [dialog, setDialog] = useState<Dialog>(null);
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

  function replace(user: UserDto) {
    setUsers((prev) => prev.map((u) => (u.id === user.id ? user : u)));
  }

  return (
    <main id="main" className="page admin-page">
      <div className="page-heading admin-heading">
        <div>
          <h1>Users</h1>
          <p className="page-heading__lede">
            Everyone who can sign in to Accord, with their role and delegation. A change of role or delegation, or disabling someone, ends
            their open sessions at once.
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
            {visible.map((u) => {
              const self = u.id === selfId;
              const delegationName = u.delegation ? names.get(u.delegation) : null;
              return (
                <tr
                  key={u.id}
                  className={u.disabled ? 'is-disabled' : undefined}
                  data-testid="user-row"
                  data-email={u.email}
                  data-disabled={u.disabled ? 'true' : 'false'}
                >
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
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setNotice(null);
                        setDialog({ kind: 'edit', user: u });
                      }}
                      aria-label={`Edit ${u.email}`}
                    >
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
                        onClick={() => {
                          setNotice(null);
                          setDialog({ kind: 'access', user: u });
                        }}
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
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

      {dialog?.kind === 'add' ? (
        <AddPersonDialog
          delegations={delegations}
          onClose={() => setDialog(null)}
          onCreated={(user, generated) => {
            setUsers((prev) => [...prev.filter((u) => u.id !== user.id), user].sort(byEmail));
            setNotice(
              `Added ${user.email} as ${affiliationLabel(user)}.${generated ? ' Their password was shown once in the dialog.' : ' Give them the password you chose through a secure channel.'}`,
            );
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditPersonDialog
          user={dialog.user}
          isSelf={dialog.user.id === selfId}
          delegations={delegations}
          onClose={() => setDialog(null)}
          onSaved={(user, rightsChanged) => {
            replace(user);
            setNotice(
              rightsChanged
                ? `${user.email} is now ${affiliationLabel(user)}. Their open sessions have ended; they sign in again with the new access.`
                : `Saved ${user.email}.`,
            );
          }}
        />
      ) : null}
      {dialog?.kind === 'access' ? (
        <AccessDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(user) => {
            replace(user);
            setNotice(user.disabled ? `Disabled ${user.email}. Their open sessions have ended.` : `Enabled ${user.email}. They can sign in again.`);
          }}
        />
      ) : null}
    </main>
  );
}
