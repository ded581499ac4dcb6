/**
 * How people are named and grouped on screen: the same words in the header, the
 * presence list and the caret labels that the server assigns.
 */
import type { PresenceUser } from '../domain/identity';
import type { DelegationCode, Role } from '../domain/vocabulary';

export const ROLE_LABELS: Record<Role, string> = {
  secretariat: 'Secretariat',
  delegate: 'Delegate',
  observer: 'Observer',
};

/** "FR delegate", "Secretariat", "NATO observer", "Observer". */
export function affiliationLabel(person: { role: Role; delegation: DelegationCode | null }): string {
  if (person.role === 'secretariat') return 'Secretariat';
  const role = person.role === 'delegate' ? 'delegate' : 'observer';
  return person.delegation ? `${person.delegation} ${role}` : ROLE_LABELS[person.role];
}

/** The caret label the server writes into awareness: "FR · Marie Dupont", "Secretariat · Ana Ruiz". */
export function caretLabel(person: { name: string; role: Role; delegation: DelegationCode | null }): string {
  const prefix = person.delegation ?? (person.role === 'secretariat' ? 'Secretariat' : ROLE_LABELS[person.role]);
  return `${prefix} · ${person.name}`;
}

export interface PresenceGroup {
  /** Stable key: the delegation code, or `~secretariat` / `~observers` for people without one. */
  id: string;
  label: string;
  delegation: DelegationCode | null;
  color: string;
  users: PresenceUser[];
}

/**
 * People online grouped by delegation: the secretariat first (it chairs), then
 * delegations in code order, then unaffiliated observers. Names sorted within a group.
 */
export function groupPresence(users: readonly PresenceUser[], delegationName: (code: DelegationCode) => string | undefined): PresenceGroup[] {
  const groups = new Map<string, PresenceGroup>();
  for (const user of users) {
    const key = user.delegation ?? (user.role === 'secretariat' ? '~secretariat' : '~observers');
    let group = groups.get(key);
    if (!group) {
      const label = user.delegation ? (delegationName(user.delegation) ?? user.delegation) : user.role === 'secretariat' ? 'Secretariat' : 'Observers';
      group = { id: key, label, delegation: user.delegation, color: user.color, users: [] };
      groups.set(key, group);
    }
    group.users.push(user);
  }
  const rank = (key: string) => (key === '~secretariat' ? 0 : key === '~observers' ? 2 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([, g]) => ({ ...g, users: [...g.users].sort((x, y) => x.name.localeCompare(y.name)) }));
}

/**
 * How a person who did something is named everywhere in the record (timeline, compare,
 * history): "FR · Marie Dupont", "Secretariat · Ana Ruiz", "Observer · Lee Park". The same
 * words as the caret label. Without a role, no delegation means the secretariat.
 */
export function actorLabel(actor: { name: string | null; role: Role | null; delegation: string | null } | null | undefined): string {
  if (!actor?.name) return actor?.delegation ?? 'Unknown';
  const prefix = actor.delegation ?? (actor.role === 'observer' ? ROLE_LABELS.observer : ROLE_LABELS.secretariat);
  return `${prefix} · ${actor.name}`;
}
