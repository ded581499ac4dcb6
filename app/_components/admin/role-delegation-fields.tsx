'use client';

import { useTranslations } from 'next-intl';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { ROLES } from '@/lib/domain/vocabulary';
import { useLabels } from '../ui/labels';
import { delegationText, type DelegationOption } from './delegation-option';

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
  const t = useTranslations('admin.fields');
  const labels = useLabels();
  const known = new Map(delegations.map((d) => [d.code, d]));
  // A code the person already has but no draft lists still has to be selectable.
  const options = delegation && !known.has(delegation) ? [...delegations, { code: delegation, name: null }] : delegations;

  return (
    <div className="admin-fields__pair">
      <div className="modal__field">
        <label htmlFor={`${idPrefix}-role`}>{t('role')}</label>
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
              {labels.role(r)}
            </option>
          ))}
        </select>
        <p className="modal__hint" id={`${idPrefix}-role-hint`}>
          {t(`roleHint.${role}`)}
          {lockedRoles ? <strong className="admin-locked"> {lockedRoles.reason}</strong> : null}
        </p>
      </div>
      <div className="modal__field">
        <label htmlFor={`${idPrefix}-delegation`}>{t('delegation')}</label>
        <select
          id={`${idPrefix}-delegation`}
          value={delegation ?? ''}
          disabled={role === 'secretariat'}
          onChange={(e) => onChange({ role, delegation: (e.target.value || null) as DelegationCode | null })}
          aria-describedby={`${idPrefix}-delegation-hint`}
        >
          <option value="">{role === 'delegate' ? t('choose') : t('noDelegation')}</option>
          {options.map((d) => (
            <option key={d.code} value={d.code}>
              {delegationText(d, d.code)}
            </option>
          ))}
        </select>
        <p className="modal__hint" id={`${idPrefix}-delegation-hint`}>
          {role === 'secretariat' ? t('hintSecretariat') : role === 'delegate' ? t('hintDelegate') : t('hintObserver')}
        </p>
      </div>
    </div>
  );
}
