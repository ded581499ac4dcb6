/**
 * The append-only audit log: every accepted state change writes one row in the same
 * transaction as the change itself. Rows form a hash chain (each carries the hash of
 * the previous one), so that `npm run audit:verify` detects an edited or deleted row.
 */
import crypto from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
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
  | 'draft.seeded'
  | 'user.signed_in'
  | 'user.created'
  | 'user.updated';

/** A transaction or the database itself. */
export type DbOrTx = Pick<Database, 'insert' | 'select' | 'update' | 'delete' | 'execute'>;

/** JSON with object keys sorted at every level, so that a jsonb round trip hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface AuditContent {
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  draftId: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

export function auditHash(prevHash: string, row: AuditContent): string {
  const content = canonicalJson([prevHash, row.at.toISOString(), row.actorId, row.actorEmail, row.action, row.draftId, row.subject, row.details]);
  return crypto.createHash('sha256').update(content).digest('hex');
}

const AUDIT_LOCK = 727002;

/**
 * Append one audit row. Call it inside the transaction of the change: the advisory
 * lock serialises writers until commit, so the chain never forks.
 */
export async function writeAudit(
  db: DbOrTx,
  entry: { actor: Identity | null; action: AuditAction; draftId?: string; subject?: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? '';
  // Millisecond precision, so that the stored timestamp hashes the same when read back.
  const content: AuditContent = {
    at: new Date(Date.now()),
    actorId: entry.actor?.userId ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    draftId: entry.draftId ?? null,
    subject: entry.subject ?? null,
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
  };
  await db.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) });
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not match, with what is wrong. */
  problem?: { id: number; reason: string };
}

/** Walk the whole chain, in pages, and report the first broken link. */
export async function verifyAuditChain(db: Database, pageSize = 5000): Promise<AuditVerification> {
  let prevHash = '';
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      rows += 1;
      if (row.prevHash !== prevHash) {
        return { ok: false, rows, problem: { id: row.id, reason: `row ${row.id} does not follow the previous row: a row before it was deleted or altered` } };
      }
      const expected = auditHash(prevHash, {
        at: row.at,
        actorId: row.actorId,
        actorEmail: row.actorEmail,
        action: row.action,
        draftId: row.draftId,
        subject: row.subject,
        details: row.details,
      });
      if (row.hash !== expected) return { ok: false, rows, problem: { id: row.id, reason: `row ${row.id} was altered after it was written` } };
      prevHash = row.hash;
      lastId = row.id;
    }
  }
  return { ok: true, rows };
}
