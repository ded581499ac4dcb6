import type { DelegationCode, Role } from './vocabulary';

/**
 * Who is acting, as established by the server from a session or a signed token.
 * Never built from client-supplied JSON.
 */
export interface Identity {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The delegation a delegate (or observer delegation member) belongs to; null for the secretariat and unaffiliated observers. */
  delegation: DelegationCode | null;
}

/** What the presence list and carets show about a person. */
export interface PresenceUser {
  userId: string;
  name: string;
  role: Role;
  delegation: DelegationCode | null;
  color: string;
}
