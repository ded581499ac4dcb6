/**
 * The negotiation vocabulary of Accord (see DESIGN.md). Every identifier used in
 * code, API payloads and the UI comes from here, so that "agreed_ad_ref" means the
 * same thing on the server, in the database and on the screen.
 */
import { z } from 'zod';

export const ROLES = ['secretariat', 'delegate', 'observer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const CLAUSE_STATUSES = [
  'drafting',
  'negotiating',
  'agreed_ad_ref',
  'agreed',
  'silence',
  'withdrawn',
] as const;
export const clauseStatusSchema = z.enum(CLAUSE_STATUSES);
export type ClauseStatus = z.infer<typeof clauseStatusSchema>;

/** Human labels for clause statuses, as a secretariat officer would say them. */
export const CLAUSE_STATUS_LABELS: Record<ClauseStatus, string> = {
  drafting: 'Drafting',
  negotiating: 'Negotiating',
  agreed_ad_ref: 'Agreed ad ref.',
  agreed: 'Agreed',
  silence: 'Under silence',
  withdrawn: 'Withdrawn',
};

/** How a delegation takes part in a draft. Observer delegations read but never write. */
export const PARTICIPATIONS = ['participant', 'observer'] as const;
export const participationSchema = z.enum(PARTICIPATIONS);
export type Participation = z.infer<typeof participationSchema>;

/** ISO 3166 alpha-2 codes, or a short organisation code such as NATO or EU. */
export const delegationCodeSchema = z
  .string()
  .regex(/^[A-Z]{2,6}$/, 'a delegation code is 2 to 6 capital letters, e.g. FR or NATO');
export type DelegationCode = z.infer<typeof delegationCodeSchema>;
