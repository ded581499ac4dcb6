/**
 * The recorded brackets and alternatives that were open at a moment (now, or a revision's
 * cut), read from their rows by their created / removed / decided times, with the
 * backers each alternative had then (from the audit trail for a past moment). No authorisation: the export service checks access.
 */
import { and, asc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { alternativeBackings, alternatives, auditLog, brackets } from '../db/schema';
import type { DisputeRows, OpenBracketRow } from './disputes';

/** The recorded brackets open at a moment (now when `at` is omitted). */
export async function readOpenBrackets(db: Pick<Database, 'select'>, draftId: string, at?: Date): Promise<OpenBracketRow[]> {
  const bracketOpen = at ? and(lte(brackets.proposedAt, at), or(isNull(brackets.removedAt), gt(brackets.removedAt, at))) : eq(brackets.state, 'open');
  return db
    .select({ clauseId: brackets.clauseId, anchorStart: brackets.anchorStart, anchorEnd: brackets.anchorEnd, delegationCode: brackets.delegationCode })
    .from(brackets)
    .where(and(eq(brackets.draftId, draftId), bracketOpen));
}

export async function readOpenDisputes(db: Database, draftId: string, at?: Date): Promise<DisputeRows> {
  const altOpen = at
    ? and(lte(alternatives.proposedAt, at), or(eq(alternatives.state, 'open'), gt(alternatives.decidedAt, at)))
    : eq(alternatives.state, 'open');
  const bracketRows = await readOpenBrackets(db, draftId, at);
  const altRows = await db
    .select()
    .from(alternatives)
    .where(and(eq(alternatives.draftId, draftId), altOpen));
  const backers = new Map<string, string[]>();
  if (at && altRows.length > 0) {
    for (const [id, codes] of await backersAt(db, draftId, at, altRows)) backers.set(id, codes);
  } else if (altRows.length > 0) {
    const rows = await db
      .select({ alternativeId: alternativeBackings.alternativeId, code: alternativeBackings.delegationCode })
      .from(alternativeBackings)
      .where(
        and(
          inArray(
            alternativeBackings.alternativeId,
            altRows.map((a) => a.id),
          ),
        ),
      );
    for (const r of rows) backers.set(r.alternativeId, [...(backers.get(r.alternativeId) ?? []), r.code]);
  }
  return {
    brackets: bracketRows,
    alternatives: altRows.map((a) => ({
      clauseId: a.clauseId,
      number: a.number,
      scope: a.scope,
      anchorStart: a.anchorStart,
      anchorEnd: a.anchorEnd,
      quote: a.quote,
      body: a.body,
      delegationCode: a.delegationCode,
      backers: backers.get(a.id) ?? [],
    })),
  };
}

/**
 * Who backed each alternative at a past moment. Backing rows are deleted when a
 * backing moves or an alternative leaves the table, so the audit trail is replayed: a
 * proposal is its proposer's backing, then every `alternative.backed` (which also ends
 * the delegation's backing of `previous`) and `alternative.unbacked` up to the moment.
 */
async function backersAt(db: Database, draftId: string, at: Date, rows: Array<{ id: string; delegationCode: string | null }>): Promise<Map<string, string[]>> {
  const sets = new Map(rows.map((r) => [r.id, new Set(r.delegationCode ? [r.delegationCode] : [])]));
  const events = await db
    .select({ action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.draftId, draftId), inArray(auditLog.action, ['alternative.backed', 'alternative.unbacked']), lte(auditLog.at, at)))
    .orderBy(asc(auditLog.id));
  for (const e of events) {
    const { alternativeId, delegation, previous } = e.details as { alternativeId?: string; delegation?: string; previous?: string | null };
    if (!alternativeId || !delegation) continue;
    if (e.action === 'alternative.backed') {
      if (previous) sets.get(previous)?.delete(delegation);
      sets.get(alternativeId)?.add(delegation);
    } else sets.get(alternativeId)?.delete(delegation);
  }
  return new Map([...sets].map(([id, set]) => [id, [...set].sort()]));
}
