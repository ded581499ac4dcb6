import type { DelegationCode, Role } from '@/lib/domain/vocabulary';

/** A delegation the secretariat can assign people to; `name` is null when no draft names it. */
export interface DelegationOption {
  code: DelegationCode;
  name: string | null;
}

/** "FR · France", or the code alone. */
export function delegationText(option: DelegationOption | undefined, code: DelegationCode): string {
  return option?.name ? `${code} · ${option.name}` : code;
}

/**
 * Client-side check of the server's rule (server/users/user-admin.ts), so that the
 * person hears it before sending: a delegate needs a delegation, the secretariat has none.
 * The problem's message key in `admin.fields`, or null.
 */
export function roleDelegationProblem(role: Role, delegation: DelegationCode | null): 'needDelegation' | 'secretariatNoDelegation' | null {
  if (role === 'delegate' && !delegation) return 'needDelegation';
  if (role === 'secretariat' && delegation) return 'secretariatNoDelegation';
  return null;
}
