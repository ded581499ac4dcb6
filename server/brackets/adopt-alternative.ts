/** The secretariat adopting an alternative wording: the text changes for everyone, the decision is recorded. */
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { AdoptionDto } from '@/lib/api/types';
import { adoptionRefusal } from '@/lib/authz/annotations';
import { clauseField } from '@/lib/collab/clause-field';
import { indexFragment, resolveSpan } from '@/lib/collab/text-anchor';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import type { ChangeOrigin, DraftRoom } from '../collab/draft-room';
import type { Database } from '../db/client';
import { alternatives, brackets } from '../db/schema';
import { conflict, type AnnotationContext } from './annotation-context';
import { fromBytes, toBracketDto } from './annotation-dtos';
import type { AlternativeRow, BracketRow } from './annotation-types';
import { planReplacement, replacesBracket, type Replacement } from './replace-words';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The open recorded brackets of the clause whose words `replacement` replaces, read from the text before the edit. */
function bracketsReplaced(room: DraftRoom, clauseId: string, open: readonly BracketRow[], replacement: Replacement): BracketRow[] {
  const index = indexFragment(room.doc.getXmlFragment(clauseField(clauseId)));
  return open.filter((b) => {
    const span = resolveSpan(room.doc, clauseId, { start: fromBytes(b.anchorStart), end: fromBytes(b.anchorEnd) }, index);
    return replacesBracket(index.text, span, replacement);
  });
}

/** Closes brackets whose words the adoption replaced: resolved, with who, when and by which ALT. */
async function resolveBrackets(tx: Transaction, ids: string[], identity: Identity, alt: AlternativeRow, at: Date): Promise<BracketRow[]> {
  if (ids.length === 0) return [];
  return tx
    .update(brackets)
    .set({
      state: 'resolved',
      removedAt: at,
      removedBy: identity.userId,
      removedByName: identity.name,
      removedByDelegation: null,
      resolution: `Resolved by adoption of ALT ${alt.number}.`,
    })
    .where(and(inArray(brackets.id, ids), eq(brackets.state, 'open')))
    .returning();
}

/**
 * The secretariat adopts an alternative: its wording replaces the span (or the whole
 * clause body) in the live document, as an edit attributed to the secretariat officer;
 * the other open alternatives for the same words are archived, and the open recorded
 * brackets on the words it replaced are resolved (the dispute they marked is decided).
 * Throws forbidden for anyone else, conflict when the alternative is no longer open or
 * its words are gone.
 */
export async function adoptAlternative(
  ctx: AnnotationContext,
  identity: Identity,
  draftId: string,
  alternativeId: string,
  input: { note?: string },
): Promise<AdoptionDto> {
  await ctx.drafts.requireAccess(identity, draftId);
  const alt = await ctx.loadAlternative(draftId, alternativeId);
  const clause = await ctx.clauseOf(draftId, alt.clauseId);
  const refusal = adoptionRefusal(identity, clause.status as ClauseStatus);
  if (refusal) throw new AppError(refusal.code, { message: refusal.message });
  if (alt.state !== 'open') throw conflict(`ALT ${alt.number} is no longer open (${alt.state}).`);
  const note = input.note?.trim() || null;
  // A point just before the edit, for "see the change" (compare it with now).
  const before = new Date(Date.now() - 1);

  const result = await ctx.withRoom(draftId, async (room) => {
    const before = planReplacement(room.doc, alt);
    const now = new Date();
    const rows = await ctx.db.transaction(async (tx) => {
      const [adopted] = await tx
        .update(alternatives)
        .set({
          state: 'adopted',
          decidedAt: now,
          decidedBy: identity.userId,
          decidedByName: identity.name,
          decisionNote: note ?? `ALT ${alt.number} adopted.`,
          replacedText: before.replaced,
        })
        .where(and(eq(alternatives.id, alt.id), eq(alternatives.state, 'open')))
        .returning();
      if (!adopted) throw conflict(`ALT ${alt.number} is no longer open.`);
      // A whole-clause adoption replaces every span the clause's other alternatives were about.
      const others = await tx
        .update(alternatives)
        .set({
          state: 'archived',
          decidedAt: now,
          decidedBy: identity.userId,
          decidedByName: identity.name,
          decisionNote: `Archived: ALT ${alt.number} was adopted.`,
        })
        .where(and(eq(alternatives.state, 'open'), alt.scope === 'clause' ? eq(alternatives.clauseId, alt.clauseId) : eq(alternatives.groupId, alt.groupId)))
        .returning();
      const openBrackets = await tx
        .select()
        .from(brackets)
        .where(and(eq(brackets.clauseId, alt.clauseId), eq(brackets.state, 'open')));
      const planned = planReplacement(room.doc, alt);
      const resolved = await resolveBrackets(
        tx,
        bracketsReplaced(room, alt.clauseId, openBrackets, planned).map((b) => b.id),
        identity,
        alt,
        now,
      );
      await writeAudit(tx, {
        actor: identity,
        action: 'alternative.adopted',
        draftId,
        subject: `clause ${clause.number} ALT ${alt.number}`,
        details: {
          alternativeId: alt.id,
          clauseId: alt.clauseId,
          number: alt.number,
          proposedBy: alt.delegationCode,
          replaced: planned.replaced,
          body: alt.body,
          archived: others.map((o) => o.number),
          resolvedBrackets: resolved.map((b) => ({ bracketId: b.id, proposedBy: b.delegationCode, quote: b.quote })),
          note,
        },
      });
      // The text changes last inside the transaction: when it cannot, nothing is recorded.
      const now2 = planReplacement(room.doc, alt);
      const origin: ChangeOrigin = { conn: null, userId: identity.userId, delegation: identity.delegation, clauseIds: [alt.clauseId] };
      Y.transact(room.doc, now2.apply, origin);
      if (now2.replaced !== before.replaced) {
        // Someone edited the words while the decision was being written: record what was actually replaced.
        const [fixed] = await tx.update(alternatives).set({ replacedText: now2.replaced }).where(eq(alternatives.id, alt.id)).returning();
        return { adopted: fixed, others, resolved };
      }
      return { adopted, others, resolved };
    });
    // Answer once the edit is stored (and so relayed to every connected client).
    await room.flushed();
    return { ...rows, resolvedDtos: rows.resolved.map((b) => toBracketDto(b, room)) };
  });

  const dtos = await ctx.publishAlternatives(draftId, [result.adopted, ...result.others]);
  for (const bracket of result.resolvedDtos) ctx.publisher.publish(draftId, 'bracket:updated', { draftId, bracket });
  await ctx.clauseChanged(draftId, [alt.clauseId]);
  const summary = `ALT ${alt.number} adopted`;
  ctx.publisher.publish(draftId, 'clause:replaced', {
    draftId,
    clauseIds: [alt.clauseId],
    cause: 'adoption',
    summary,
    by: identity.name,
    byUserId: identity.userId,
    before: before.toISOString(),
    at: new Date().toISOString(),
  });
  await ctx
    .onAlternativeAdopted?.({ draftId, clause: { clauseId: clause.id, number: clause.number }, alternative: dtos[0], summary, actor: identity })
    .catch((err: unknown) => ctx.logger.error({ err, draftId }, 'adoption notifications failed'));
  return { adopted: dtos[0], archived: dtos.slice(1), resolvedBrackets: result.resolvedDtos };
}
