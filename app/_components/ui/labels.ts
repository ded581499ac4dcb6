/**
 * The negotiation vocabulary in the person's language (messages/<locale>/domain.json):
 * roles, affiliations, positions, reservations, clause statuses, consensus and silence
 * states. The English constants in lib/ (POSITION_LABELS, CLAUSE_STATUS_LABELS…) stay
 * for code not yet converted, and the catalogue test keeps them equal to domain.json.
 *
 * Client components: `const labels = useLabels();`. Server components:
 * `const labels = labelsFrom(await getTranslations('domain'));`.
 */
import { useTranslations } from 'next-intl';
import type { ConsensusState } from '@/lib/consensus/compute-consensus';
import type { ClauseStatus, DelegationCode, Participation, Position, Reservation, Role, SilenceState } from '@/lib/domain/vocabulary';

export type DomainTranslator = ReturnType<typeof useTranslations<'domain'>>;

export interface Labels {
  role(role: Role): string;
  /** "FR delegate" / "Délégation FR", "Secretariat", "NATO observer", "Observer". */
  affiliation(person: { role: Role; delegation: DelegationCode | null }): string;
  /** "FR · Marie Dupont", "Secretariat · Ana Ruiz": who did something, in the record. */
  actor(actor: { name: string | null; role: Role | null; delegation: string | null } | null | undefined): string;
  position(position: Position): string;
  positionLetter(position: Position): string;
  reservation(reservation: Reservation): string;
  clauseStatus(status: ClauseStatus): string;
  consensus(state: ConsensusState): string;
  silenceState(state: SilenceState): string;
  participation(part: Participation): string;
}

export function labelsFrom(t: DomainTranslator): Labels {
  const role = (r: Role) => t(`role.${r}`);
  return {
    role,
    affiliation: (p) => {
      if (p.role === 'secretariat') return t('affiliation.secretariat');
      if (!p.delegation) return role(p.role);
      return p.role === 'delegate' ? t('affiliation.delegate', { delegation: p.delegation }) : t('affiliation.observer', { delegation: p.delegation });
    },
    actor: (a) => {
      if (!a?.name) return a?.delegation ?? '?';
      const prefix = a.delegation ?? (a.role === 'observer' ? role('observer') : role('secretariat'));
      return t('actor', { prefix, name: a.name });
    },
    position: (p) => t(`position.${p}.label`),
    positionLetter: (p) => t(`position.${p}.letter`),
    reservation: (r) => t(`reservation.${r}`),
    clauseStatus: (s) => t(`clauseStatus.${s}`),
    consensus: (s) => t(`consensus.${s}`),
    silenceState: (s) => t(`silenceState.${s}`),
    participation: (p) => t(`participation.${p}`),
  };
}

/** The vocabulary for a client component. */
export function useLabels(): Labels {
  return labelsFrom(useTranslations('domain'));
}
