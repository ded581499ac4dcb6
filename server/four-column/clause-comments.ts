/**
 * The secretariat's comment per clause, kept with its history (one row per change) and
 * audited: set by the secretariat only, readable by everyone in the draft, at any point.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { ClauseCommentPayload } from '@/lib/realtime/events';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import { isUuid } from '@/lib/validation/uuid';
import { writeAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import { clauseComments, clauses } from '../db/schema';

/** Set (or, with an empty comment, clear) the comment on a clause; the caller checked draft access. */
export async function setClauseComment(db: Database, identity: Identity, draftId: string, clauseId: string, comment: string): Promise<ClauseCommentPayload> {
  if (identity.role !== 'secretariat') throw new AppError('forbidden', { message: 'Only the secretariat writes the comment on a clause.' });
  if (!isUuid(clauseId)) throw new AppError('not_found', { message: 'No such clause in this draft.' });
  const [clause] = await db
    .select({ number: clauses.number })
    .from(clauses)
    .where(and(eq(clauses.id, clauseId), eq(clauses.draftId, draftId)))
    .limit(1);
  if (!clause) throw new AppError('not_found', { message: 'No such clause in this draft.' });
  const at = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(clauseComments).values({ draftId, clauseId, comment, at, byUserId: identity.userId, byName: identity.name });
    await writeAudit(tx, {
      actor: identity,
      action: 'clause.commented',
      draftId,
      subject: `Clause ${clause.number}`,
      details: { clauseId, clauseNumber: clause.number, comment: comment || null, chars: comment.length },
    });
  });
  return { draftId, clauseId, comment: comment || null, at: at.toISOString(), by: identity.name };
}

/** The comment of each clause at a moment (now when omitted); cleared comments left out. */
export async function clauseCommentsAt(db: Database, draftId: string, at?: Date): Promise<Map<string, string>> {
  const rows = await db
    .select({ clauseId: clauseComments.clauseId, comment: clauseComments.comment })
    .from(clauseComments)
    .where(and(eq(clauseComments.draftId, draftId), at ? lte(clauseComments.at, at) : undefined))
    .orderBy(asc(clauseComments.at), asc(clauseComments.id));
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.comment) out.set(r.clauseId, r.comment);
    else out.delete(r.clauseId);
  }
  return out;
}
