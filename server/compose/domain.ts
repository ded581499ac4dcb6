/**
 * The negotiation domain's services (positions and silence, brackets and alternatives,
 * comments, notifications, history), wired to the collab core, the realtime publisher
 * and each other through draft events rather than through each other.
 */
import type { Logger } from 'pino';
import { notifyAlternativeProposed } from '../brackets/alternative-notice';
import { createAnnotationService } from '../brackets/annotation-service';
import { createCommentService } from '../comments/comment-service';
import type { DatabaseHandle } from '../db/client';
import type { DraftEvents } from '../drafts/draft-events';
import type { DraftStore } from '../drafts/draft-store';
import { createStructureService } from '../drafts/structure/structure-service';
import { createFourColumnService } from '../four-column/four-column-service';
import { createHistoryService } from '../history/history-service';
import { createNegotiationService } from '../negotiation/negotiation-service';
import { SilenceScheduler } from '../negotiation/silence-scheduler';
import { createNotificationService } from '../notifications/notification-service';
import { deliver, textReplacedNotice } from '../notifications/domain-notices';
import { createEmailDigest } from '../notifications/email-digest';
import type { NotifyInput } from '../notifications/notification-service';
import { notifyDelegations, registerNotifier } from '../notifications/notify-delegations';
import { createNotificationPreferences } from '../notifications/preferences';
import { createSilenceReminders, REMINDER_STAGES } from '../notifications/silence-reminders';
import { commentPublisher, draftPublisher, notificationPublisher, type RealtimePublisher } from '../realtime/publisher';
import type { CollabCore } from './collab';

/** Optional e-mail of notifications (SMTP_URL set). */
export interface EmailConfig {
  smtpUrl: string;
  from: string;
  digestMinutes: number;
  publicUrl?: string;
}

export interface DomainDeps {
  logger: Logger;
  email?: EmailConfig;
  database: DatabaseHandle;
  drafts: DraftStore;
  core: CollabCore;
  realtime: RealtimePublisher;
  draftEvents: DraftEvents;
}

export function createDomain({ logger, database, drafts, core, realtime, draftEvents, email }: DomainDeps) {
  const { db } = database;
  const { registry, clauseStates } = core;
  const toDraft = draftPublisher(realtime);
  const preferences = createNotificationPreferences(db, Boolean(email));
  const notifications = createNotificationService({ db, drafts, logger, preferences, publisher: notificationPublisher(realtime) });
  registerNotifier(notifications);
  const notify = (input: NotifyInput) => notifications.notify(input);
  const reminders = createSilenceReminders({ db, notify, logger });
  // One timer for silence deadlines and their reminders ("ends in 24 hours", "in 1 hour").
  const scheduler: SilenceScheduler = new SilenceScheduler({
    completeDue: async (now) => {
      await reminders.sendDue(now ?? new Date());
      return negotiation.completeDueSilences(now);
    },
    nextDeadline: async () => {
      const times = [await negotiation.nextDeadline(), await reminders.nextDue(new Date())].filter((t): t is Date => t !== null);
      return times.length > 0 ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
    },
    logger,
  });
  const armWithReminders = (deadline: Date) => {
    scheduler.arm(deadline);
    for (const stage of REMINDER_STAGES) if (deadline.getTime() - stage.ms > Date.now()) scheduler.arm(new Date(deadline.getTime() - stage.ms));
  };
  const negotiation = createNegotiationService({
    db,
    drafts,
    clauseStates,
    publisher: toDraft,
    logger,
    // Live rooms lock or unlock clause text at once, on every instance.
    onClauseStatusesChanged: (draftId) => registry.clausesChanged(draftId),
    // Every instance arms the deadline (the database still lets one conclude it).
    notify,
    onSilenceScheduled: (deadline) => {
      armWithReminders(deadline);
      core.fanout.publishControl({ type: 'silence-scheduled', deadline: deadline.toISOString() });
    },
    silenceRaceMs: core.testHooks.silenceRaceMs,
  });
  core.fanout.onControl((message) => {
    if (message.type === 'silence-scheduled') armWithReminders(new Date(message.deadline));
  });
  // Consensus depends on the text and on open brackets and alternatives: push it when they change
  // (after text edits only where it differs from what clients last received).
  draftEvents.on('clauses:changed', ({ draftId, clauseIds, cause }) => negotiation.publishConsensus(draftId, clauseIds, cause === 'text'));

  const annotations = createAnnotationService({
    db,
    drafts,
    registry,
    clauseStates,
    publisher: toDraft,
    logger,
    draftEvents,
    // Delegations holding a position on the clause hear of a new alternative wording.
    onAlternativeProposed: (alternative, clause, actor) => notifyAlternativeProposed(db, notifyDelegations, alternative, clause, actor),
    onAlternativeAdopted: (e) =>
      deliver(
        notify,
        logger,
        textReplacedNotice({ draftId: e.draftId, clauses: [e.clause], cause: 'adoption', summary: e.summary, refId: e.alternative.id, actor: e.actor }),
      ),
  });
  const comments = createCommentService({
    db,
    drafts,
    logger,
    publisher: commentPublisher(realtime),
    withDocument: async (draftId, read) => {
      const room = await registry.acquire(draftId);
      try {
        return read(room.doc);
      } finally {
        registry.release(room);
      }
    },
    notify: (input) => notifications.notify(input),
  });
  const history = createHistoryService({
    db,
    drafts,
    indexer: core.historyIndexer,
    registry,
    checkpointer: core.checkpointer,
    publisher: toDraft,
    logger,
    onTextReplaced: (e) => deliver(notify, logger, textReplacedNotice(e)),
  });
  const structure = createStructureService({ db, drafts, registry, publisher: toDraft, draftEvents });
  const fourColumn = createFourColumnService({ db, drafts, history, publisher: toDraft, logger });
  const emailDigest = email ? createEmailDigest({ db, notifications, preferences, logger, ...email }) : null;
  return { scheduler, negotiation, annotations, notifications, preferences, emailDigest, comments, history, structure, fourColumn };
}

export type Domain = ReturnType<typeof createDomain>;
