/** Proposing an alternative wording (`ALT n`) for words of a clause or for the whole clause. */
import crypto from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import { nextAltNumber } from '@/lib/domain/alt-numbering';
import type { AlternativeDto } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import { indexFragment, resolveOffset } from '@/lib/collab/text-anchor';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import type { DraftRoom } from '../collab/draft-room';
import type { Database } from '../db/client';
import { alternativeBackings, alternatives, clauses } from '../db/schema';
import { anchorFor, badRequest, conflict, type AnnotationContext } from './annotation-context';
import { currentOf, toBytes } from './annotation-dtos';
import type { AlternativeInput, AlternativeRow, ClauseRow } from './annotation-types';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

interface Target {
  scope: 'clause' | 'span';
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
  /** The words it would replace now (the whole clause text for a whole-clause alternative). */
  quote: string;
}

/** What the alternative would replace, read from the server's copy of the text. */
function targetOf(room: DraftRoom, clauseId: string, scope: Target['scope'], input: AlternativeInput, competing: AlternativeRow | null): Target {
  const clauseIndex = () => indexFragment(room.doc.getXmlFragment(clauseField(clauseId)));
  if (competing) {
    const current = currentOf(room, clauseId, competing.anchorStart, competing.anchorEnd);
    if (scope === 'span' && !current) throw conflict(`The words ALT ${competing.number} replaces have been deleted from the text.`);
    return { scope, anchorStart: competing.anchorStart, anchorEnd: competing.anchorEnd, quote: scope === 'span' ? current!.text : clauseIndex().text };
  }
  if (!input.span) return { scope, anchorStart: null, anchorEnd: null, quote: clauseIndex().text };
  const { anchor, current } = anchorFor(room, clauseId, input.span, input.quote);
  if (!current.text.trim()) throw badRequest('Select the words to replace, not only spaces.');
  const start = resolveOffset(room.doc, clauseIndex(), anchor.start);
  const end = resolveOffset(room.doc, clauseIndex(), anchor.end);
  if (!start || !end || start.node !== end.node) {
    throw badRequest('Select words within one paragraph for an alternative wording, or propose an alternative to the whole clause.');
  }
  return { scope, anchorStart: toBytes(anchor.start), anchorEnd: toBytes(anchor.end), quote: current.text };
}

interface NewAlternative {
  id: string;
  identity: Identity;
  draftId: string;
  clause: ClauseRow;
  target: Target;
  competing: AlternativeRow | null;
  body: string;
  note: string | null;
  delegation: string | null;
  /** The clause's text now, for the ALT numbers typed in it. */
  clauseText: string;
}

/** Stores the alternative with the clause's next ALT number; the proposing delegation backs it. */
async function insertAlternative(tx: Transaction, a: NewAlternative): Promise<AlternativeRow> {
  const { id, identity, draftId, clause, target, competing, body, note, delegation } = a;
  const clauseId = clause.id;
  const scope = target.scope;
  // One proposal at a time per clause, so that numbers are given in order without gaps.
  await tx.select({ id: clauses.id }).from(clauses).where(eq(clauses.id, clauseId)).for('update');
  let groupId = competing?.groupId ?? id;
  if (!competing && scope === 'clause') {
    // Alternatives to the whole clause compete with each other: one group per clause.
    const [open] = await tx
      .select({ groupId: alternatives.groupId })
      .from(alternatives)
      .where(and(eq(alternatives.clauseId, clauseId), eq(alternatives.scope, 'clause'), eq(alternatives.state, 'open')))
      .limit(1);
    if (open) groupId = open.groupId;
  }
  const [{ last }] = await tx
    .select({ last: max(alternatives.number) })
    .from(alternatives)
    .where(eq(alternatives.clauseId, clauseId));
  // After the highest recorded one and the highest typed in the text (lib/annotations/alt-numbering.ts).
  const number = nextAltNumber(last === null ? null : Number(last), a.clauseText);
  const [stored] = await tx
    .insert(alternatives)
    .values({
      id,
      draftId,
      clauseId,
      groupId,
      number,
      scope,
      anchorStart: target.anchorStart,
      anchorEnd: target.anchorEnd,
      quote: target.quote,
      body,
      note,
      delegationCode: delegation,
      proposedBy: identity.userId,
      proposedByName: identity.name,
    })
    .returning();
  if (delegation) {
    // Proposing a wording is backing it: the delegation's backing in this group moves to it.
    await tx
      .insert(alternativeBackings)
      .values({ groupId, delegationCode: delegation, alternativeId: id, draftId, backedBy: identity.userId })
      .onConflictDoUpdate({
        target: [alternativeBackings.groupId, alternativeBackings.delegationCode],
        set: { alternativeId: id, backedAt: new Date(), backedBy: identity.userId },
      });
  }
  await writeAudit(tx, {
    actor: identity,
    action: 'alternative.proposed',
    draftId,
    subject: `clause ${clause.number} ALT ${number}`,
    details: { alternativeId: id, clauseId, groupId, number, scope, delegation, quote: target.quote, body, note },
  });
  return stored;
}

/** Proposes an alternative wording in the caller's delegation's name, and tells the delegations concerned. */
export async function proposeAlternative(
  ctx: AnnotationContext,
  identity: Identity,
  draftId: string,
  clauseId: string,
  input: AlternativeInput,
): Promise<AlternativeDto> {
  const access = await ctx.drafts.requireAccess(identity, draftId);
  const clause = await ctx.clauseOf(draftId, clauseId);
  ctx.requireAnnotate(identity, access, clause);
  const delegation = identity.role === 'secretariat' ? null : identity.delegation;
  const body = input.body.trim();
  const note = input.note?.trim() || null;

  let competing: AlternativeRow | null = null;
  if (input.competesWith) {
    competing = await ctx.loadAlternative(draftId, input.competesWith);
    if (competing.clauseId !== clauseId) throw badRequest('competesWith must name an alternative of the same clause.');
    if (competing.state !== 'open') throw conflict(`ALT ${competing.number} is no longer open (${competing.state}).`);
  }
  const scope: 'clause' | 'span' = competing ? competing.scope : input.span ? 'span' : 'clause';
  if (scope === 'span' && /[\r\n]/.test(body)) throw badRequest('An alternative for a span of text is one run of words: remove the line breaks.');

  const id = crypto.randomUUID();
  const row = await ctx.withRoom(draftId, async (room) => {
    const target = targetOf(room, clauseId, scope, input, competing);
    if (body === target.quote.trim()) throw badRequest('The alternative wording is the same as the current text.');
    const clauseText = indexFragment(room.doc.getXmlFragment(clauseField(clauseId))).text;
    return ctx.db.transaction((tx) => insertAlternative(tx, { id, identity, draftId, clause, target, competing, body, note, delegation, clauseText }));
  });

  const groupRows = await ctx.db
    .select()
    .from(alternatives)
    .where(and(eq(alternatives.groupId, row.groupId), eq(alternatives.state, 'open')));
  const dtos = await ctx.publishAlternatives(draftId, groupRows);
  await ctx.clauseChanged(draftId, [clauseId]);
  const dto = dtos.find((d) => d.id === row.id)!;
  if (ctx.onAlternativeProposed) {
    try {
      await ctx.onAlternativeProposed(dto, { id: clause.id, number: clause.number, title: clause.title }, identity);
    } catch (err) {
      ctx.logger.warn({ err, draftId, alternativeId: row.id }, 'could not notify delegations of a new alternative');
    }
  }
  return dto;
}
