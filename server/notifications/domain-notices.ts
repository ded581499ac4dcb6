/**
 * The notifications of decisions that concern everyone in a draft: clause status
 * changes, silence procedures (started, ending soon, broken, completed) and text the
 * secretariat replaced (a restore, an adopted alternative). Every delegation of the
 * draft and the secretariat hear them; the person who acted does not.
 * Each builder returns the NotifyInput; `deliver` stores and pushes it, and a failure
 * to notify is logged, never turned into a failure of the decision itself.
 */
import { clauseLabel } from '@/lib/domain/clause-number';
import type { Logger } from 'pino';
import type { Identity } from '@/lib/domain/identity';
import { CLAUSE_STATUS_LABELS, type ClauseStatus } from '@/lib/domain/vocabulary';
import { MANDATE_NOTIFICATION_KIND } from '@/lib/notifications/kinds';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import type { NotifyInput } from './notification-service';

export type Notify = (input: NotifyInput) => Promise<void>;

function actorOf(identity: Identity | null): NotifyInput['actor'] {
  return identity ? { userId: identity.userId, name: identity.name, delegation: identity.delegation } : null;
}

function clauseList(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.length === 1 ? `Clause ${sorted[0]}` : `Clauses ${sorted.join(', ')}`;
}

const everyone = { delegationCodes: 'all' as const, secretariat: true };

export function statusChangedNotice(input: {
  draftId: string;
  clause: { id: string; number: number | null };
  from: ClauseStatus;
  to: ClauseStatus;
  actor: Identity;
}): NotifyInput {
  return {
    ...everyone,
    draftId: input.draftId,
    clauseId: input.clause.id,
    kind: 'status_changed',
    refId: input.clause.id,
    text: `${clauseLabel(input.clause.number)}: ${CLAUSE_STATUS_LABELS[input.from]} → ${CLAUSE_STATUS_LABELS[input.to]}`,
    actor: actorOf(input.actor),
  };
}

export type SilenceEvent = 'started' | 'reminder-24h' | 'reminder-1h' | 'broken' | 'completed' | 'interrupted' | 'cancelled';

/** A silence procedure's notification; `clauseNumbers` are the procedure's clauses. */
export function silenceNotice(input: {
  event: SilenceEvent;
  draftId: string;
  silenceId: string;
  clauseIds: readonly string[];
  clauseNumbers: readonly number[];
  deadline: Date;
  actor: Identity | null;
  reason?: string | null;
}): NotifyInput {
  const clauses = clauseList(input.clauseNumbers);
  const deadline = formatDateTimeUtc(input.deadline.toISOString());
  const texts: Record<SilenceEvent, { kind: NotifyInput['kind']; text: string }> = {
    started: { kind: 'silence_started', text: `${clauses}: silence procedure started, deadline ${deadline}.` },
    'reminder-24h': { kind: 'silence_reminder', text: `${clauses}: silence ends in 24 hours (${deadline}). Break silence before then to object.` },
    'reminder-1h': { kind: 'silence_reminder', text: `${clauses}: silence ends in 1 hour (${deadline}). Break silence before then to object.` },
    broken: {
      kind: 'silence_broken',
      text: `${clauses}: silence broken by ${input.actor?.delegation ?? 'a delegation'}${input.reason ? `: ${input.reason}` : '.'}`,
    },
    completed: { kind: 'silence_completed', text: `${clauses}: silence completed, agreed.` },
    cancelled: { kind: 'silence_completed', text: `${clauses}: silence procedure withdrawn by the secretariat${input.reason ? `: ${input.reason}` : '.'}` },
    interrupted: { kind: 'silence_completed', text: `${clauses}: silence ended without agreement. ${input.reason ?? ''}`.trim() },
  };
  const { kind, text } = texts[input.event];
  return {
    ...everyone,
    draftId: input.draftId,
    clauseId: input.clauseIds.length === 1 ? input.clauseIds[0] : null,
    kind,
    refId: input.silenceId,
    text,
    actor: actorOf(input.actor),
  };
}

/** The secretariat replaced clause text: a restore (`refId` the point) or an adoption (`refId` the alternative). */
export function textReplacedNotice(input: {
  draftId: string;
  clauses: ReadonlyArray<{ clauseId: string; number: number | null }>;
  cause: 'restore' | 'adoption';
  summary: string;
  refId: string;
  actor: Identity;
}): NotifyInput {
  return {
    ...everyone,
    draftId: input.draftId,
    clauseId: input.clauses.length === 1 ? input.clauses[0].clauseId : null,
    kind: input.cause === 'restore' ? 'text_restored' : 'alternative_adopted',
    refId: input.refId,
    text: `${clauseList(input.clauses.map((c) => c.number).filter((n): n is number => n !== null))}: text replaced by the secretariat: ${input.summary}.`,
    actor: actorOf(input.actor),
  };
}

/**
 * A mandate given or revoked (server/mandates, built separately, calls this): the two
 * delegations and the secretariat hear it, the person who acted does not.
 */
export function mandateNotice(input: {
  draftId: string;
  mandateId: string;
  event: 'given' | 'revoked';
  from: string;
  to: string;
  /** The clauses it covers; empty: every clause. */
  clauseNumbers: readonly number[];
  until: Date | null;
  actor: Identity;
}): NotifyInput {
  const scope = input.clauseNumbers.length === 0 ? 'all clauses' : clauseList(input.clauseNumbers).toLowerCase();
  const until = input.until ? `, until ${formatDateTimeUtc(input.until.toISOString())}` : '';
  const text =
    input.event === 'given'
      ? `${input.from} mandated ${input.to} to state its positions (${scope}${until}).`
      : `The mandate of ${input.to} to state ${input.from}'s positions (${scope}) was revoked.`;
  return {
    delegationCodes: [input.from, input.to],
    secretariat: true,
    draftId: input.draftId,
    clauseId: null,
    kind: MANDATE_NOTIFICATION_KIND,
    refId: input.mandateId,
    text,
    actor: actorOf(input.actor),
  };
}

/** Store and push a notice; a failure is logged (the decision it reports stands). */
export async function deliver(notify: Notify | undefined, logger: Logger, input: NotifyInput): Promise<void> {
  if (!notify) return;
  try {
    await notify(input);
  } catch (err) {
    logger.error({ err, draftId: input.draftId, kind: input.kind }, 'a notification could not be delivered');
  }
}
