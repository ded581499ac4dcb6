/**
 * The append-only audit log: every accepted state change writes one row in the same
 * transaction as the change itself.
 */
import type { Identity } from '@/lib/domain/identity';
import type { Database } from '../db/client';
import { auditLog } from '../db/schema';

export type AuditAction =
  | 'position.set'
  | 'clause.status'
  | 'silence.started'
  | 'silence.broken'
  | 'silence.cancelled'
  | 'silence.completed'
  | 'draft.seeded';

/** A transaction or the database itself. */
export type DbOrTx = Pick<Database, 'insert' | 'select' | 'update' | 'delete' | 'execute'>;

export async function writeAudit(
  db: DbOrTx,
  entry: { actor: Identity | null; action: AuditAction; draftId?: string; subject?: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actor?.userId ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    draftId: entry.draftId ?? null,
    subject: entry.subject ?? null,
    details: entry.details ?? {},
  });
}
