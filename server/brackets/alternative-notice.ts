/**
 * "An alternative was proposed on a clause where we hold a position": the delegations
 * that stated a position on the clause (other than the proposer's own) are notified in
 * the app (server/notifications, `notifyDelegations`).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { AlternativeDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { Database } from '../db/client';
import { positions } from '../db/schema';
import type { NotifyInput } from '../notifications/notify-delegations';

export async function notifyAlternativeProposed(
  db: Database,
  notify: (input: NotifyInput) => Promise<void>,
  alternative: AlternativeDto,
  clause: { id: string; number: number | null },
  actor: Identity,
): Promise<void> {
  const rows = await db
    .select({ delegation: positions.delegationCode })
    .from(positions)
    .where(and(eq(positions.clauseId, clause.id), ne(positions.position, 'none')));
  const delegations = [...new Set(rows.map((r) => r.delegation))].filter((d) => d !== alternative.delegation);
  if (delegations.length === 0) return;
  const by = alternative.delegation ?? 'The secretariat';
  const target = alternative.scope === 'span' ? `for “${alternative.quote.slice(0, 80)}”` : 'for the whole clause';
  await notify({
    draftId: alternative.draftId,
    clauseId: clause.id,
    delegationCodes: delegations,
    kind: 'alternative',
    refId: alternative.id,
    text: `Clause ${clause.number}: ${by} proposed ALT ${alternative.number} ${target}: “${alternative.body.slice(0, 200)}”`,
    actor: { userId: actor.userId, name: actor.name, delegation: alternative.delegation },
  });
}
