/**
 * What the secretariat's draft use cases share (create a draft, change it, close and
 * reopen it, add delegations): their dependencies and the checks they all make.
 */
import { inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { DraftUpdatedPayload } from '@/lib/realtime/events';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import type { Database } from '../../db/client';
import { delegations } from '../../db/schema';
import type { DraftEvents } from '../draft-events';
import type { DraftStore } from '../draft-store';

export interface DraftAdminOptions {
  db: Database;
  drafts: DraftStore;
  draftEvents: DraftEvents;
  logger: Logger;
  /** Pushes `draft:updated` to everyone with the draft open. */
  publish(payload: DraftUpdatedPayload): void;
  /** Live rooms re-read the draft's clauses and state (read-only when closed), here and on other instances. */
  refreshRooms(draftId: string): Promise<void>;
  /** Close a person's live connections so that they reconnect and are checked again. */
  revoke(userId: string): void;
  /** A delegation was added: remember its colour for carets and presence. */
  onDelegationCreated?(code: string, color: string): void;
}

export function requireSecretariat(identity: Identity, what: string): void {
  if (identity.role !== 'secretariat') throw new AppError('forbidden', { message: `Only the secretariat ${what}.` });
}

export function createDraftAdminContext(options: DraftAdminOptions) {
  const { db } = options;

  /** @throws AppError bad_request naming the codes Accord does not know. */
  async function requireKnownDelegations(codes: readonly string[], field: string): Promise<void> {
    if (codes.length === 0) return;
    const rows = await db
      .select({ code: delegations.code })
      .from(delegations)
      .where(inArray(delegations.code, [...codes]));
    const known = new Set(rows.map((r) => r.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new AppError('bad_request', {
        message: `Unknown delegation${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Add ${unknown.length > 1 ? 'them' : 'it'} first (POST /api/delegations).`,
        issues: [{ path: field, message: `unknown delegation ${unknown.join(', ')}` }],
      });
    }
  }

  return { ...options, requireKnownDelegations };
}

export type DraftAdminContext = ReturnType<typeof createDraftAdminContext>;
