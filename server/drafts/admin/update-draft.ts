/**
 * The secretariat changes a draft: title, description, participating and observer
 * delegations, and its state. Closing is refused while a silence procedure runs;
 * reopening needs a reason; while a draft is closed nothing else about it changes.
 * Removing a participating delegation keeps its positions (and their history) but takes
 * it out of consensus from then on. Every change is audited and pushed live.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DraftDetail } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { UpdateDraftRequest } from '@/lib/requests/drafts';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../../audit/audit-log';
import { clauses, draftDelegations, drafts, silenceProcedures, users } from '../../db/schema';
import { requireSecretariat, type DraftAdminContext } from './context';

interface MembershipChange {
  added: { participants: string[]; observers: string[] };
  removed: { participants: string[]; observers: string[] };
}

function diff(before: Map<string, string>, participants: string[], observers: string[]): MembershipChange {
  const after = new Map<string, string>([...participants.map((c) => [c, 'participant'] as const), ...observers.map((c) => [c, 'observer'] as const)]);
  const change: MembershipChange = { added: { participants: [], observers: [] }, removed: { participants: [], observers: [] } };
  for (const [code, p] of after) {
    if (before.get(code) !== p) (p === 'participant' ? change.added.participants : change.added.observers).push(code);
  }
  for (const [code, p] of before) {
    if (after.get(code) !== p) (p === 'participant' ? change.removed.participants : change.removed.observers).push(code);
  }
  return change;
}

const isEmpty = (c: MembershipChange) => [c.added.participants, c.added.observers, c.removed.participants, c.removed.observers].every((l) => l.length === 0);

export async function updateDraft(ctx: DraftAdminContext, identity: Identity, draftId: string, body: UpdateDraftRequest): Promise<DraftDetail> {
  requireSecretariat(identity, 'changes drafts');
  await ctx.drafts.requireAccess(identity, draftId);
  if (body.participants) await ctx.requireKnownDelegations(body.participants, 'participants');
  if (body.observers) await ctx.requireKnownDelegations(body.observers, 'observers');

  const outcome = await ctx.db.transaction(async (tx) => {
    // Lock the draft row: two concurrent changes (a close and a silence start) serialise here.
    const [draft] = await tx.select().from(drafts).where(eq(drafts.id, draftId)).for('update');
    if (!draft) throw new AppError('not_found', { message: 'No such draft, or it is not shared with you.' });
    const nextState = body.state ?? draft.state;
    const stateChange = nextState !== draft.state ? nextState : null;
    const edits = body.title !== undefined || body.description !== undefined || body.participants !== undefined || body.observers !== undefined;
    if (nextState === 'closed' && edits) {
      throw new AppError('conflict', { message: 'This draft is closed and read-only: reopen it (with a reason) before changing it.' });
    }
    if (stateChange === 'closed') {
      const [running] = await tx
        .select({ id: silenceProcedures.id })
        .from(silenceProcedures)
        .where(and(eq(silenceProcedures.draftId, draftId), eq(silenceProcedures.state, 'running')))
        .limit(1);
      if (running) {
        throw new AppError('conflict', {
          message: 'A silence procedure is running on this draft: wait for its deadline, or cancel it, before closing the draft.',
        });
      }
    }
    if (stateChange === 'open' && !body.reason) {
      throw new AppError('bad_request', {
        message: 'Give a reason for reopening the draft; it is recorded.',
        issues: [{ path: 'reason', message: 'is required to reopen a draft' }],
      });
    }

    const members = await tx.select().from(draftDelegations).where(eq(draftDelegations.draftId, draftId));
    const before = new Map(members.map((m) => [m.delegationCode, m.participation as string]));
    const participants = body.participants ?? members.filter((m) => m.participation === 'participant').map((m) => m.delegationCode);
    const observers = body.observers ?? members.filter((m) => m.participation === 'observer').map((m) => m.delegationCode);
    const overlap = participants.filter((c) => observers.includes(c));
    if (overlap.length > 0) {
      throw new AppError('bad_request', {
        message: `${overlap.join(', ')} cannot both take part and observe.`,
        issues: [{ path: 'observers', message: `${overlap.join(', ')} already participates` }],
      });
    }
    const membership = diff(before, participants, observers);
    if (!isEmpty(membership)) {
      await tx.delete(draftDelegations).where(eq(draftDelegations.draftId, draftId));
      const rows = [
        ...participants.map((code) => ({ draftId, delegationCode: code, participation: 'participant' as const })),
        ...observers.map((code) => ({ draftId, delegationCode: code, participation: 'observer' as const })),
      ];
      if (rows.length > 0) await tx.insert(draftDelegations).values(rows);
    }
    const changes: Record<string, unknown> = {};
    if (body.title !== undefined && body.title !== draft.title) changes.title = { from: draft.title, to: body.title };
    if (body.description !== undefined && body.description !== draft.description) changes.description = true;
    await tx
      .update(drafts)
      .set({ title: body.title ?? draft.title, description: body.description ?? draft.description, state: nextState, updatedAt: new Date() })
      .where(eq(drafts.id, draftId));
    if (Object.keys(changes).length > 0 || !isEmpty(membership)) {
      await writeAudit(tx, {
        actor: identity,
        action: 'draft.updated',
        draftId,
        subject: body.title ?? draft.title,
        details: { ...changes, ...(isEmpty(membership) ? {} : { added: membership.added, removed: membership.removed }) },
      });
    }
    if (stateChange) {
      await writeAudit(tx, {
        actor: identity,
        action: stateChange === 'closed' ? 'draft.closed' : 'draft.reopened',
        draftId,
        subject: body.title ?? draft.title,
        details: body.reason ? { reason: body.reason } : {},
      });
    }
    return { stateChange, membership };
  });
  await afterUpdate(ctx, identity, draftId, outcome);
  return ctx.drafts.getForUser(identity, draftId);
}

/** Live effects once the change is committed: rooms, connections of those who lost access, consensus, the event. */
async function afterUpdate(
  ctx: DraftAdminContext,
  identity: Identity,
  draftId: string,
  outcome: { stateChange: 'open' | 'closed' | null; membership: MembershipChange },
): Promise<void> {
  const { membership } = outcome;
  if (!isEmpty(membership)) {
    ctx.drafts.invalidateMembership(draftId);
    // Members of a delegation whose part changed reconnect and are checked again (write ↔ read, or no access).
    const changed = [...membership.removed.participants, ...membership.removed.observers, ...membership.added.participants, ...membership.added.observers];
    const people = await ctx.db.select({ id: users.id }).from(users).where(inArray(users.delegationCode, changed));
    for (const person of people) ctx.revoke(person.id);
    const clauseIds = (await ctx.db.select({ id: clauses.id }).from(clauses).where(eq(clauses.draftId, draftId))).map((c) => c.id);
    // Consensus is over the participants: recompute it for every clause.
    if (clauseIds.length > 0) await ctx.draftEvents.emit('clauses:changed', { draftId, clauseIds, cause: 'annotations' });
  }
  if (outcome.stateChange) await ctx.refreshRooms(draftId);
  const detail = await ctx.drafts.getForUser(identity, draftId);
  ctx.publish({ draftId, title: detail.title, description: detail.description, state: detail.state, delegations: detail.delegations });
}
