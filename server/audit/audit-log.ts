/**
 * The append-only audit log: every accepted state change writes one row in the same
 * transaction as the change itself. Rows form a hash chain (each carries the hash of
 * the previous one), so that `npm run audit:verify` detects an edited or deleted row.
 */
import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { AuditEntryDto, AuditPage } from '@/lib/api/types';
import { AppError } from '@/lib/errors/app-error';
import type { KnownAuditAction } from '@/lib/ui/audit-entry';
import type { Identity } from '@/lib/domain/identity';
import type { Database } from '../db/client';
import { auditLog, users } from '../db/schema';

/** Every action written to the log: the list in lib/ui/audit-entry.ts, which gives each its label and filter entry. */
export type AuditAction = KnownAuditAction;

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

export interface AuditQuery {
  draftId?: string;
  action?: string;
  before?: number;
  limit: number;
}

type ActorRow = { name: string; role: 'secretariat' | 'delegate' | 'observer'; delegation: string | null } | null;

function toEntry(row: typeof auditLog.$inferSelect, actor: ActorRow): AuditEntryDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorEmail: row.actorEmail,
    actor,
    action: row.action,
    draftId: row.draftId,
    subject: row.subject,
    details: row.details,
    hash: row.hash,
  };
}

/**
 * Only the secretariat reads the audit log. Routes call this before they look at the
 * query, so that someone else learns nothing from how a bad query is answered.
 * @throws AppError forbidden
 */
export function assertAuditReader(identity: Identity): void {
  if (identity.role !== 'secretariat') throw new AppError('forbidden', { message: 'Only the secretariat reads the audit log.' });
}

/** The audit log for the secretariat, newest first, paginated by id. */
export async function readAudit(db: Database, identity: Identity, query: AuditQuery): Promise<AuditPage> {
  assertAuditReader(identity);
  const where: SQL[] = [];
  if (query.draftId) where.push(eq(auditLog.draftId, query.draftId));
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.before) where.push(lt(auditLog.id, query.before));
  const rows = await db
    .select({ row: auditLog, name: users.name, role: users.role, delegation: users.delegationCode })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit).map((r) => toEntry(r.row, r.name && r.role ? { name: r.name, role: r.role, delegation: r.delegation } : null));
  return { entries: page, nextBefore: rows.length > query.limit ? page[page.length - 1].id : null };
}

/** CSV of audit entries (RFC 4180 quoting), oldest first, for archiving or a spreadsheet. */
export function auditCsv(entries: AuditEntryDto[]): string {
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    // A leading = + - @ would be read as a formula by spreadsheets.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const header = ['id', 'at', 'actor', 'action', 'draft', 'subject', 'details', 'hash'].join(',');
  const lines = [...entries]
    .sort((a, b) => a.id - b.id)
    .map((e) => [e.id, e.at, e.actorEmail, e.action, e.draftId, e.subject, e.details, e.hash].map(q).join(','));
  return `${[header, ...lines].join('\r\n')}\r\n`;
}
