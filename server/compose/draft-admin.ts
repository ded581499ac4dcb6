/**
 * The secretariat's draft service wired to the rest: live events to the draft's room,
 * rooms refreshed (read-only when closed) on every instance, connections of people whose
 * access changed closed to be checked again, new delegation colours remembered.
 */
import type { Logger } from 'pino';
import { draftRoom } from '@/lib/realtime/events';
import type { DatabaseHandle } from '../db/client';
import { createDraftAdmin, type DraftAdmin } from '../drafts/admin/draft-admin-service';
import type { DraftEvents } from '../drafts/draft-events';
import type { DraftStore } from '../drafts/draft-store';
import type { RealtimePublisher } from '../realtime/publisher';
import type { Revocation } from '../users/revocation';
import type { CollabCore } from './collab';

export interface DraftAdminDeps {
  logger: Logger;
  database: DatabaseHandle;
  drafts: DraftStore;
  draftEvents: DraftEvents;
  core: CollabCore;
  realtime: RealtimePublisher;
  revocation: Revocation;
  /** The colours map colorOf reads. */
  colors: Map<string, string>;
}

export function composeDraftAdmin({ logger, database, drafts, draftEvents, core, realtime, revocation, colors }: DraftAdminDeps): DraftAdmin {
  return createDraftAdmin({
    db: database.db,
    drafts,
    draftEvents,
    logger,
    publish: (payload) => realtime.emit(draftRoom(payload.draftId), 'draft:updated', payload),
    refreshRooms: (draftId) => core.registry.clausesChanged(draftId),
    revoke: (userId) => revocation.revoke(userId),
    onDelegationCreated: (code, color) => void colors.set(code, color),
  });
}
