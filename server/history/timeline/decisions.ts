/** Decisions from the audit log: clause statuses, silence procedures, restores, edits marked editorial. */
import { sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { auditEvents, numbersOf, str, type TimelineSource } from './source';

const STATUS_ACTIONS = [
  'clause.status',
  'silence.started',
  'silence.broken',
  'silence.cancelled',
  'silence.completed',
  'silence.interrupted',
  'history.restored',
  'clause.editorial',
];

export const decisionSource: TimelineSource = {
  name: 'decision',
  kind: 'status',
  withoutDelegation: true,
  async read(request) {
    const { query, numberOf } = request;
    const { rows, people } = await auditEvents(request, STATUS_ACTIONS, [
      query.clauseId ? sql`(${auditLog.details}->>'clauseId' = ${query.clauseId} or ${auditLog.details}->'clauseIds' ? ${query.clauseId})` : undefined,
    ]);
    return rows.map((a) => {
      const who = a.actorId ? (people.get(a.actorId) ?? null) : null;
      const d = a.details as Record<string, unknown>;
      const ids = typeof d.clauseId === 'string' ? [d.clauseId] : Array.isArray(d.clauseIds) ? (d.clauseIds as string[]) : [];
      return {
        kind: 'status' as const,
        source: 'decision' as const,
        id: a.id,
        at: a.at.toISOString(),
        actor: who,
        clauseId: str(d.clauseId),
        clauseNumbers: numbersOf(numberOf, ids),
        action: a.action,
        from: str(d.from),
        // A restore records the point as spec ("rev:2") and label ("Rev.2"): show the label.
        to: a.action === 'history.restored' && str(d.toLabel) ? str(d.toLabel) : (str(d.to) ?? str(d.toLabel)),
        by: who?.name ?? a.actorEmail,
        note: str(d.override) ?? str(d.reason) ?? str(d.note),
      };
    });
  },
};
