'use client';

import { useMemo } from 'react';
import type { ClauseSummary, DelegationSummary } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { groupPresence } from '@/lib/ui/people';
import { clauseAnchor } from './clause-outline';
import type { RoomMe } from './room-types';
import type { Collab } from './use-collab';
import { useCollaboratorClauses } from './use-collaborator-clauses';
import type { PresenceState } from './use-presence';

interface PresencePanelProps {
  presence: PresenceState;
  delegations: DelegationSummary[];
  me: RoomMe;
  /** The draft's shared document and provider: carets say which clause each person is in. */
  collab: Collab | null;
  clauses: readonly ClauseSummary[];
}

/** "in clause 3", linking to it, for someone whose caret is in a clause. */
function WhereAbout({ clause }: { clause: ClauseSummary | undefined }) {
  if (!clause) return null;
  return (
    <a
      className="presence-row__where"
      href={`#${clauseAnchor(clause)}`}
      title={clause.number === null ? `${clause.title} (withdrawn)` : `${clause.number}. ${clause.title}`}
      data-testid="presence-clause"
      data-clause-number={clause.number ?? undefined}
    >
      {clause.number === null ? `in “${clause.title}” (withdrawn)` : `in clause ${clause.number}`}
    </a>
  );
}

/** Who has the draft open, grouped by delegation, and which clause each is in, plus the delegations taking part. */
export function PresencePanel({ presence, delegations, me, collab, clauses }: PresencePanelProps) {
  const names = useMemo(() => new Map(delegations.map((d) => [d.code, d.name])), [delegations]);
  const where = useCollaboratorClauses(collab);
  const clauseById = useMemo(() => new Map(clauses.map((c) => [c.id, c])), [clauses]);
  const groups = useMemo(() => groupPresence(presence.users, (code: DelegationCode) => names.get(code)), [presence.users, names]);
  const onlineDelegations = useMemo(() => new Set(presence.users.map((u) => u.delegation).filter((d): d is string => d !== null)), [presence.users]);
  const participants = delegations.filter((d) => d.participation === 'participant');
  const observers = delegations.filter((d) => d.participation === 'observer');

  return (
    <div className="presence-panel">
      <section aria-labelledby="presence-heading" className="rail-section">
        <h2 id="presence-heading" className="rail-heading">
          Online now
          <span className="rail-heading__count" aria-label={`${presence.users.length} people`}>
            {presence.users.length}
          </span>
        </h2>
        {presence.error ? (
          <p className="rail-note rail-note--error" role="status">
            {presence.error}
          </p>
        ) : !presence.live ? (
          <p className="rail-note" role="status">
            Connecting to the room…
          </p>
        ) : null}
        <div data-testid="presence" className="presence" aria-live="polite">
          {groups.length === 0 && presence.live ? <p className="rail-note">Nobody else is here right now.</p> : null}
          {groups.map((group) => (
            <div key={group.id} className="presence-group">
              <h3 className="presence-group__label">
                <span className="swatch" style={{ backgroundColor: group.color }} aria-hidden="true" />
                {group.delegation ? <span className="code">{group.delegation}</span> : null}
                <span className="presence-group__name">{group.label}</span>
              </h3>
              <ul className="presence-group__users" role="list">
                {group.users.map((user) => (
                  <li key={user.userId} className="presence-row">
                    <span className="presence-row__dot" style={{ backgroundColor: user.color }} aria-hidden="true" />
                    <span data-testid="presence-user" data-delegation={user.delegation ?? ''} className="presence-row__name">
                      {user.name}
                    </span>
                    {user.userId === me.userId ? <span className="presence-row__you">you</span> : null}
                    {user.role === 'observer' ? <span className="presence-row__role">observer</span> : null}
                    <WhereAbout clause={clauseById.get(where.get(user.userId) ?? '')} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      {delegations.length > 0 ? (
        <section aria-labelledby="delegations-heading" className="rail-section">
          <details className="delegations" open>
            <summary>
              <h2 id="delegations-heading" className="rail-heading rail-heading--inline">
                Delegations
                <span className="rail-heading__count">{participants.length}</span>
              </h2>
            </summary>
            <ul className="delegation-list" role="list">
              {participants.map((d) => (
                <li key={d.code} className={onlineDelegations.has(d.code) ? 'is-online' : undefined}>
                  <span className="swatch" style={{ backgroundColor: d.color }} aria-hidden="true" />
                  <span className="code">{d.code}</span>
                  <span className="delegation-list__name">{d.name}</span>
                  {onlineDelegations.has(d.code) ? <span className="visually-hidden">(online)</span> : null}
                </li>
              ))}
            </ul>
            {observers.length > 0 ? (
              <>
                <h3 className="delegation-list__sub">Observers</h3>
                <ul className="delegation-list" role="list">
                  {observers.map((d) => (
                    <li key={d.code} className={onlineDelegations.has(d.code) ? 'is-online' : undefined}>
                      <span className="swatch" style={{ backgroundColor: d.color }} aria-hidden="true" />
                      <span className="code">{d.code}</span>
                      <span className="delegation-list__name">{d.name}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </details>
        </section>
      ) : null}
    </div>
  );
}
