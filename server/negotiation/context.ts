/**
 * What the negotiation use cases share: their dependencies, the lookups they all make
 * (a clause, the participants, user names, a silence procedure) and refusals as AppErrors.
 */
import { liveClauseOf } from '../drafts/structure/merged-clause';
import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { NegotiationRefusal } from '@/lib/authz/negotiation';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { NegotiationEvents } from '@/lib/realtime/events';
import type { Database } from '../db/client';
import { clauses, silenceProcedures, users } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import type { Notify } from '../notifications/domain-notices';
import type { ClauseStates } from './clause-states';
import { isUuid } from '@/lib/validation/uuid';

export interface NegotiationPublisher {
  publish<E extends keyof NegotiationEvents>(draftId: string, event: E, payload: NegotiationEvents[E]): void;
}

export interface NegotiationServiceOptions {
  db: Database;
  drafts: DraftStore;
  clauseStates: ClauseStates;
  publisher: NegotiationPublisher;
  logger: Logger;
  /** Called after clause statuses changed, so that live rooms lock or unlock their text. */
  onClauseStatusesChanged(draftId: string): Promise<void>;
  /** Stores and pushes notifications (status changes, silence procedures); none when absent. */
  notify?: Notify;
  /** Called when a silence procedure starts, so that the scheduler can arm its deadline. */
  onSilenceScheduled?(deadline: Date): void;
  /**
   * Test hook (ACCORD_TEST_SILENCE_RACE_MS, honoured only with ACCORD_TEST_MODE=1): wait this
   * long between finding a procedure due and concluding it, so that instances racing for the
   * same deadline have all read it as running before any of them writes.
   */
  silenceRaceMs?: number;
}

export type ClauseRow = typeof clauses.$inferSelect;
export type SilenceRow = typeof silenceProcedures.$inferSelect;

export const forbidden = (message: string) => new AppError('forbidden', { message });
export const notFound = (message: string) => new AppError('not_found', { message });
export const conflict = (message: string) => new AppError('conflict', { message });

/** Throw a rule's refusal (lib/authz/negotiation) as the matching AppError. */
export function refuse(refusal: NegotiationRefusal | null): void {
  if (refusal) throw new AppError(refusal.code, { message: refusal.message });
}

export function createNegotiationContext(options: NegotiationServiceOptions) {
  const { db, drafts } = options;

  const clauseOf = (draftId: string, clauseId: string): Promise<ClauseRow> => liveClauseOf(db, draftId, clauseId);

  async function participantsOf(draftId: string): Promise<DelegationCode[]> {
    const membership = await drafts.unsafeMembership(draftId);
    if (!membership) return [];
    return [...membership.delegations].filter(([, p]) => p === 'participant').map(([code]) => code);
  }

  async function userNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (unique.length === 0) return new Map();
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function loadSilence(draftId: string, silenceId: string): Promise<SilenceRow> {
    if (!isUuid(silenceId)) throw notFound('No such silence procedure in this draft.');
    const [row] = await db
      .select()
      .from(silenceProcedures)
      .where(and(eq(silenceProcedures.id, silenceId), eq(silenceProcedures.draftId, draftId)))
      .limit(1);
    if (!row) throw notFound('No such silence procedure in this draft.');
    return row;
  }

  /** Clause numbers by id, for messages that name clauses. */
  async function clauseNumbers(draftId: string, ids: readonly string[]): Promise<Map<string, number | null>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ id: clauses.id, number: clauses.number })
      .from(clauses)
      .where(and(eq(clauses.draftId, draftId), inArray(clauses.id, [...ids])));
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  return { ...options, clauseOf, participantsOf, userNames, loadSilence, clauseNumbers };
}

export type NegotiationContext = ReturnType<typeof createNegotiationContext>;
