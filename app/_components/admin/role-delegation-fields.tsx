'use client';

import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { ROLES } from '@/lib/domain/vocabulary';
import { ROLE_LABELS } from '@/lib/ui/people';
import { ROLE_HINTS, delegationText, type DelegationOption } from './delegation-option';

interface RoleDelegationFieldsProps {
  idPrefix: string;
  role: Role;
  delegation: DelegationCode | null;
  delegations: readonly DelegationOption[];
  onChange: (next: { role: Role; delegation: DelegationCode | null }) => void;
  /** Roles that cannot be chosen here (e.g. giving up one's own secretariat role), with why. */
  lockedRoles?: { roles: readonly Role[]; reason: string };
}

/**
 * Role and delegation, side by side, kept consistent as the person chooses: the
 * secretariat belongs to no delegation (the select is cleared and disabled), a
 * delegate must have one, an observer may (an observer delegation) or may not.
 */
export function RoleDelegationFields({ idPrefix, role, delegation, delegations, onChange, lockedRoles }: RoleDelegationFieldsProps) {
  const known = new Map(delegations.map((d) => [d.code, d]));
  // A code the person already has but no draft lists still has to be selectable.
  const options = delegation && !known.has(delegation) ? [...delegations, { code: delegation, name: null }] : delegations;

  return (
    <div className="admin-fields__pair">
      <div className="modal__field">
        <label htmlFor={`${idPrefix}-role`}>Role</label>
        <select
          id={`${idPrefix}-role`}
          value={role}
          onChange={(e) => {
            const next = e.target.value as Role;
            onChange({ role: next, delegation: next === 'secretariat' ? null : delegation });
          }}
          aria-describedby={`${idPrefix}-role-hint`}
        >
          {ROLES.map((r) => (
            <option key={r} value={r} disabled={lockedRoles?.roles.includes(r)}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <p className="modal__hint" id={`${idPrefix}-role-hint`}>
          {ROLE_HINTS[role]}
          {lockedRoles ? <strong className="admin-locked"> {lockedRoles.reason}</strong> : null}
        </p>
      </div>
      <div className="modal__field">
        <label htmlFor={`${idPrefix}-delegation`}>Delegation</label>
        <select
          id={`${idPrefix}-delegation`}
          value={delegation ?? ''}
          disabled={role === 'secretariat'}
          onChange={(e) => onChange({ role, delegation: (e.target.value || null) as DelegationCode | null })}
          aria-describedby={`${idPrefix}-delegation-hint`}
        >
          <option value="">{role === 'delegate' ? 'Choose…' : 'No delegation'}</option>
          {options.map((d) => (
            <option key={d.code} value={d.code}>
              {delegationText(d, d.code)}
            </option>
          ))}
        </select>
        <p className="modal__hint" id={`${idPrefix}-delegation-hint`}>
          {role === 'secretariat'
            ? 'Not for secretariat staff.'
            : role === 'delegate'
              ? 'Required: the delegation they speak for.'
              : 'Optional: an observer delegation, or none for staff of another organisation.'}
        </p>
      </div>
    </div>
  );
}
