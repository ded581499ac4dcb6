/**
 * The negotiation vocabulary of Accord (see docs/design.md). Every identifier used in
 * code, API payloads and the UI comes from here, so that "agreed_ad_ref" means the
 * same thing on the server, in the database and on the screen.
 */
import { z } from 'zod';

export const ROLES = ['secretariat', 'delegate', 'observer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const CLAUSE_STATUSES = ['drafting', 'negotiating', 'agreed_ad_ref', 'agreed', 'silence', 'withdrawn'] as const;
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
export const delegationCodeSchema = z.string().regex(/^[A-Z]{2,6}$/, 'a delegation code is 2 to 6 capital letters, e.g. FR or NATO');
export type DelegationCode = z.infer<typeof delegationCodeSchema>;

export const POSITIONS = ['support', 'can_live_with', 'ad_ref', 'reservation', 'interpretative_statement', 'abstain', 'oppose', 'none'] as const;
export const positionSchema = z.enum(POSITIONS);
export type Position = z.infer<typeof positionSchema>;

export const RESERVATIONS = ['scrutiny', 'parliamentary', 'linguistic', 'substantive'] as const;
export const reservationSchema = z.enum(RESERVATIONS);
export type Reservation = z.infer<typeof reservationSchema>;

/** Labels and a one-letter code for each position, so a cell is readable without colour. */
export const POSITION_LABELS: Record<Position, { label: string; letter: string }> = {
  support: { label: 'Support', letter: 'S' },
  can_live_with: { label: 'Can live with', letter: 'L' },
  ad_ref: { label: 'Ad referendum', letter: 'A' },
  reservation: { label: 'Reservation', letter: 'R' },
  interpretative_statement: { label: 'Interpretative statement', letter: 'I' },
  abstain: { label: 'Abstain', letter: 'Ab' },
  oppose: { label: 'Oppose', letter: 'O' },
  none: { label: 'No position yet', letter: '–' },
};

export const RESERVATION_LABELS: Record<Reservation, string> = {
  scrutiny: 'Scrutiny reservation',
  parliamentary: 'Parliamentary reservation',
  linguistic: 'Linguistic reservation',
  substantive: 'Substantive reservation',
};

/** `interrupted`: the deadline passed but open brackets or alternatives kept the clauses from being agreed. */
export const SILENCE_STATES = ['running', 'broken', 'completed', 'cancelled', 'interrupted'] as const;
export type SilenceState = (typeof SILENCE_STATES)[number];
