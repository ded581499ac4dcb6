/**
 * JSON shapes of the HTTP API (see README "HTTP API"). Route handlers return exactly
 * these; pages and scripts read them.
 */
import type { ClauseStatus, DelegationCode, Participation, Role } from '../domain/vocabulary';

export interface DraftSummary {
  id: string;
  title: string;
  description: string;
  clauseCount: number;
  delegationCount: number;
  updatedAt: string;
  /** What the caller may do with the draft. */
  access: 'read' | 'write';
}

export interface ClauseSummary {
  id: string;
  number: number;
  title: string;
  status: ClauseStatus;
}

export interface DelegationSummary {
  code: DelegationCode;
  name: string;
  participation: Participation;
  color: string;
}

export interface DraftDetail {
  id: string;
  title: string;
  description: string;
  updatedAt: string;
  access: 'read' | 'write';
  clauses: ClauseSummary[];
  delegations: DelegationSummary[];
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  delegation: DelegationCode | null;
  color: string;
}

export interface CollabToken {
  token: string;
  expiresAt: string;
}
