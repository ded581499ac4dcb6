import type { DelegationSummary } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { delegationColor, OBSERVER_COLOR, SECRETARIAT_COLOR } from '@/lib/domain/delegation-color';

/** The colour that represents a person: their delegation's (as stored for the draft when known). */
export function identityColor(identity: Identity, delegations: readonly DelegationSummary[] = []): string {
  if (identity.delegation) {
    return delegations.find((d) => d.code === identity.delegation)?.color ?? delegationColor(identity.delegation);
  }
  return identity.role === 'secretariat' ? SECRETARIAT_COLOR : OBSERVER_COLOR;
}
