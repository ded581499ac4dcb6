/**
 * Mandates (proxies): who may give, revoke and use one. The server enforces these rules
 * (server/negotiation/mandates.ts, set-position.ts, silence.ts); the UI asks them only to
 * decide what to show.
 */
import type { Identity } from '../domain/identity';
import type { DelegationCode, Participation } from '../domain/vocabulary';
import type { DraftAccess } from './draft-access';
import type { NegotiationRefusal } from './negotiation';

/** What a mandate says, as far as using it is concerned. */
export interface MandateTerms {
  from: DelegationCode;
  to: DelegationCode;
  clauseIds: readonly string[] | null;
  until: Date | null;
  breakSilence: boolean;
  revokedAt: Date | null;
}

/** A delegate of `from`, or the secretariat recording a mandate given by letter, gives a mandate to another participant. */
export function giveMandateRefusal(
  identity: Identity,
  access: DraftAccess,
  from: DelegationCode,
  to: DelegationCode,
  participation: (code: DelegationCode) => Participation | undefined,
): NegotiationRefusal | null {
  if (identity.role !== 'secretariat') {
    if (identity.role !== 'delegate' || access !== 'write') return { code: 'forbidden', message: 'Observers cannot give mandates.' };
    if (identity.delegation !== from) {
      return { code: 'forbidden', message: `Only a delegate of ${from} (or the secretariat, recording a letter) can give ${from}'s mandate.` };
    }
  }
  if (participation(from) !== 'participant') return { code: 'forbidden', message: `${from} is not a participating delegation of this draft.` };
  if (participation(to) !== 'participant') return { code: 'forbidden', message: `${to} is not a participating delegation of this draft.` };
  if (from === to) return { code: 'forbidden', message: 'A delegation cannot give a mandate to itself.' };
  return null;
}

/** The delegation that gave it, the one that holds it (declining it), or the secretariat revokes a mandate. */
export function revokeMandateRefusal(identity: Identity, mandate: Pick<MandateTerms, 'from' | 'to'>): NegotiationRefusal | null {
  if (identity.role === 'secretariat') return null;
  if (identity.role === 'delegate' && (identity.delegation === mandate.from || identity.delegation === mandate.to)) return null;
  return { code: 'forbidden', message: `Only ${mandate.from}, ${mandate.to} or the secretariat can revoke this mandate.` };
}

export type MandateUse = { kind: 'position'; clauseId: string } | { kind: 'silence'; clauseIds: readonly string[] };

/**
 * Whether delegation `holder` may speak for `from` under one of `mandates` (every mandate
 * between the two, in any state) at `now`. The refusal names why: no mandate, revoked,
 * expired, clause not covered, or (for silence) not allowed to break silence.
 */
export function mandateRefusal(
  mandates: readonly MandateTerms[],
  holder: DelegationCode,
  from: DelegationCode,
  use: MandateUse,
  now: Date,
): NegotiationRefusal | null {
  const between = mandates.filter((m) => m.from === from && m.to === holder);
  const what = use.kind === 'position' ? `state ${from}'s position` : `break silence for ${from}`;
  if (between.length === 0) return { code: 'forbidden', message: `${holder} holds no mandate from ${from}: it cannot ${what}.` };
  const live = between.filter((m) => !m.revokedAt);
  if (live.length === 0) return { code: 'forbidden', message: `${from}'s mandate to ${holder} was revoked: ${holder} can no longer ${what}.` };
  const valid = live.filter((m) => !m.until || m.until.getTime() > now.getTime());
  if (valid.length === 0) return { code: 'forbidden', message: `${from}'s mandate to ${holder} has expired: ${holder} can no longer ${what}.` };
  const needed = use.kind === 'position' ? [use.clauseId] : use.clauseIds;
  const covering = valid.filter((m) => m.clauseIds === null || needed.every((id) => m.clauseIds!.includes(id)));
  if (covering.length === 0) {
    return {
      code: 'forbidden',
      message:
        use.kind === 'position'
          ? `${from}'s mandate to ${holder} does not cover this clause.`
          : `${from}'s mandate to ${holder} does not cover every clause of this silence procedure.`,
    };
  }
  if (use.kind === 'silence' && !covering.some((m) => m.breakSilence)) {
    return { code: 'forbidden', message: `${from}'s mandate to ${holder} does not allow breaking silence.` };
  }
  return null;
}

/** State of a mandate at `now`. */
export function mandateState(m: Pick<MandateTerms, 'until' | 'revokedAt'>, now: Date): 'active' | 'expired' | 'revoked' {
  if (m.revokedAt) return 'revoked';
  if (m.until && m.until.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
