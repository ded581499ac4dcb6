/**
 * The secretariat creates a draft: its row, its delegations, its clause rows and their
 * bodies as the draft's first Yjs update (as the demo seed stores its text), and an audit
 * row, all in one transaction. The content comes prepared (server/drafts/import): empty,
 * from pasted text or Markdown, or from a DOCX and an adjusted plan.
 */
import type { DraftDetail } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../../audit/audit-log';
import { clauses, draftDelegations, drafts, yjsUpdates } from '../../db/schema';
import type { PreparedImport } from '../import/prepare-import';
import { importedDraftUpdate } from '../import/write-clause-body';
import { requireSecretariat, type DraftAdminContext } from './context';

export interface CreateDraftInput {
  title: string;
  description?: string;
  participants: string[];
  observers?: string[];
  /** Where the content came from, for the audit log. */
  source: 'empty' | 'text' | 'docx';
  /** The clauses (and description) to start from; none: an empty draft. */
  content?: PreparedImport;
}

export async function createDraft(ctx: DraftAdminContext, identity: Identity, input: CreateDraftInput): Promise<DraftDetail> {
  requireSecretariat(identity, 'creates drafts');
  const observers = input.observers ?? [];
  await ctx.requireKnownDelegations(input.participants, 'participants');
  await ctx.requireKnownDelegations(observers, 'observers');
  const prepared = input.content;
  const description = input.description ?? prepared?.description ?? '';
  const draftId = await ctx.db.transaction(async (tx) => {
    const [draft] = await tx.insert(drafts).values({ title: input.title, description, createdBy: identity.userId }).returning({ id: drafts.id });
    const memberRows = [
      ...input.participants.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'participant' as const })),
      ...observers.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'observer' as const })),
    ];
    if (memberRows.length > 0) await tx.insert(draftDelegations).values(memberRows);
    const planned = prepared?.clauses ?? [];
    if (planned.length > 0) {
      const rows = await tx
        .insert(clauses)
        .values(planned.map((c) => ({ draftId: draft.id, ordinal: c.number * 1000, number: c.number, title: c.title, status: 'drafting' as const })))
        .returning({ id: clauses.id, number: clauses.number });
      rows.sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
      const update = importedDraftUpdate(rows.map((row, i) => ({ id: row.id, blocks: planned[i].blocks })));
      await tx.insert(yjsUpdates).values({
        draftId: draft.id,
        update,
        userId: identity.userId,
        delegationCode: null,
        clauseIds: rows.map((r) => r.id),
      });
    }
    await writeAudit(tx, {
      actor: identity,
      action: 'draft.created',
      draftId: draft.id,
      subject: input.title,
      details: {
        source: input.source,
        clauses: planned.length,
        participants: input.participants,
        observers,
        ...(prepared && prepared.dropped.length > 0 ? { dropped: prepared.dropped } : {}),
      },
    });
    return draft.id;
  });
  ctx.logger.info({ draftId, clauses: prepared?.clauses.length ?? 0, source: input.source }, 'draft created');
  return ctx.drafts.getForUser(identity, draftId);
}
