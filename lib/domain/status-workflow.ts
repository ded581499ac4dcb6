/**
 * The clause status workflow the secretariat drives:
 * drafting → negotiating → agreed_ad_ref → agreed, plus withdrawn, and reopening.
 * `silence` is entered and left only through a silence procedure.
 */
import type { ClauseStatus } from './vocabulary';

const TRANSITIONS: Record<ClauseStatus, readonly ClauseStatus[]> = {
  drafting: ['negotiating', 'withdrawn'],
  negotiating: ['drafting', 'agreed_ad_ref', 'agreed', 'withdrawn'],
  agreed_ad_ref: ['agreed', 'negotiating', 'withdrawn'],
  agreed: ['negotiating', 'withdrawn'],
  silence: [],
  withdrawn: ['drafting', 'negotiating'],
};

/** Statuses reached by the secretariat through the status endpoint (not `silence`). */
export function allowedTransitions(from: ClauseStatus): readonly ClauseStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: ClauseStatus, to: ClauseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses that declare agreement and so need consensus (or a recorded override). */
export function needsConsensus(to: ClauseStatus): boolean {
  return to === 'agreed' || to === 'agreed_ad_ref';
}

/** Clauses a silence procedure may cover. */
export function canEnterSilence(status: ClauseStatus): boolean {
  return status === 'negotiating' || status === 'agreed_ad_ref' || status === 'drafting';
}
