/**
 * Silence reminders: "ends in 24 hours", then "ends in 1 hour", to every delegation of
 * the draft and the secretariat. A reminder is due once the time left is at most its
 * stage and only for a procedure that started with more time than that (a procedure
 * started 30 minutes before its deadline announced the deadline when it started). When
 * both are due only the nearer one goes out. Each reminder is claimed by inserting its
 * (procedure, stage) row: the primary key makes it go out exactly once, whichever
 * instance's scheduler gets there first.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { clauses, silenceProcedures, silenceReminders } from '../db/schema';
import { deliver, silenceNotice, type Notify } from './domain-notices';

const HOUR = 3_600_000;
export const REMINDER_STAGES = [
  { stage: '1h' as const, ms: HOUR, event: 'reminder-1h' as const },
  { stage: '24h' as const, ms: 24 * HOUR, event: 'reminder-24h' as const },
];

type Procedure = { id: string; draftId: string; clauseIds: string[]; deadline: Date; startedAt: Date };

/** The stage due for a procedure at `now` (the nearest one), or null. */
export function dueStage(p: Pick<Procedure, 'deadline' | 'startedAt'>, now: Date): (typeof REMINDER_STAGES)[number] | null {
  const left = p.deadline.getTime() - now.getTime();
  if (left <= 0) return null;
  for (const s of REMINDER_STAGES) {
    if (left <= s.ms) return p.deadline.getTime() - p.startedAt.getTime() > s.ms ? s : null;
  }
  return null;
}

/** The next moment a reminder of this procedure becomes due after `now`, or null. */
export function nextStageAt(p: Pick<Procedure, 'deadline' | 'startedAt'>, now: Date): Date | null {
  const times = REMINDER_STAGES.filter((s) => p.deadline.getTime() - p.startedAt.getTime() > s.ms)
    .map((s) => p.deadline.getTime() - s.ms)
    .filter((t) => t > now.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

export function createSilenceReminders(options: { db: Database; notify: Notify; logger: Logger }) {
  const { db, notify, logger } = options;

  async function running(now: Date): Promise<Procedure[]> {
    return db
      .select({
        id: silenceProcedures.id,
        draftId: silenceProcedures.draftId,
        clauseIds: silenceProcedures.clauseIds,
        deadline: silenceProcedures.deadline,
        startedAt: silenceProcedures.startedAt,
      })
      .from(silenceProcedures)
      .where(and(eq(silenceProcedures.state, 'running'), gt(silenceProcedures.deadline, now)));
  }

  return {
    /** Send every reminder due at `now` that nobody sent yet; returns how many this call sent. */
    async sendDue(now: Date): Promise<number> {
      let sent = 0;
      for (const p of await running(now)) {
        const due = dueStage(p, now);
        if (!due) continue;
        const claimed = await db.insert(silenceReminders).values({ silenceId: p.id, stage: due.stage }).onConflictDoNothing().returning();
        if (claimed.length === 0) continue;
        const numbers = await db.select({ id: clauses.id, number: clauses.number }).from(clauses).where(eq(clauses.draftId, p.draftId));
        const numberOf = new Map(numbers.map((c) => [c.id, c.number]));
        await deliver(
          notify,
          logger,
          silenceNotice({
            event: due.event,
            draftId: p.draftId,
            silenceId: p.id,
            clauseIds: p.clauseIds,
            clauseNumbers: p.clauseIds.map((id) => numberOf.get(id) ?? 0),
            deadline: p.deadline,
            actor: null,
          }),
        );
        sent += 1;
      }
      return sent;
    },

    /** The next moment a reminder becomes due, for the scheduler. */
    async nextDue(now: Date): Promise<Date | null> {
      const times = (await running(now)).map((p) => nextStageAt(p, now)).filter((t): t is Date => t !== null);
      return times.length > 0 ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
    },
  };
}

export type SilenceReminders = ReturnType<typeof createSilenceReminders>;
