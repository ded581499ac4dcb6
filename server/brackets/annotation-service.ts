/**
 * Brackets and alternative wordings on clause text: server-authoritative rows anchored
 * to the Yjs document with relative positions, validated, authorised and audited here,
 * then pushed live. Adopting an alternative changes the text itself, as an attributed
 * edit through the draft's live room, so every connected client receives it at once.
 */
import crypto from 'node:crypto';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { AdoptionDto, AlternativeDto, AlternativeState, BracketDto, CurrentSpanDto } from '@/lib/api/types';
import { annotationRefusal, canBackAlternatives, canRemoveBracket, canWithdrawAlternative } from '@/lib/authz/annotations';
import { clauseField } from '@/lib/collab/clause-field';
import { anchorSpan, decodeAnchor, encodeAnchor, indexFragment, resolveOffset, resolveSpan, type SpanAnchor } from '@/lib/collab/text-anchor';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import type { ChangeOrigin, DraftRoom } from '../collab/draft-room';
import type { RoomRegistry } from '../collab/room-registry';
import type { Database } from '../db/client';
import { alternativeBackings, alternatives, brackets, clauses } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import type { ClauseStates } from '../negotiation/clause-states';
import { nextTurn } from '../util/event-loop';
import type { AnnotationEvents } from '@/lib/realtime/events';

type BracketRow = typeof brackets.$inferSelect;
type AlternativeRow = typeof alternatives.$inferSelect;
type ClauseRow = typeof clauses.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (message: string) => new AppError('not_found', { message });
const forbidden = (message: string) => new AppError('forbidden', { message });
const conflict = (message: string) => new AppError('conflict', { message });
const badRequest = (message: string) => new AppError('bad_request', { message });

/** Where the words are: plain-text offsets in the clause (the server anchors them), or anchors made by a Yjs client. */
export type SpanInput = { range: { from: number; to: number } } | { anchor: { start: string; end: string } };

export interface BracketInput {
  span: SpanInput;
  /** The words the client meant; when given, the server refuses if the anchored words differ. */
  quote?: string;
}

export interface AlternativeInput {
  body: string;
  note?: string;
  /** The words to replace; omitted for an alternative to the whole clause. */
  span?: SpanInput;
  quote?: string;
  /** Propose a competing wording for the same words as this open alternative. */
  competesWith?: string;
}

/** Open anchors of some clauses, for counting disputes in consensus. */
export interface OpenAnchors {
  brackets: SpanAnchor[];
  /** null for an alternative to the whole clause (always attached). */
  alternatives: Array<SpanAnchor | null>;
}

export interface AnnotationPublisher {
  publish<E extends keyof AnnotationEvents>(draftId: string, event: E, payload: AnnotationEvents[E]): void;
}

export interface AnnotationServiceOptions {
  db: Database;
  drafts: DraftStore;
  registry: RoomRegistry;
  clauseStates: ClauseStates;
  publisher: AnnotationPublisher;
  /** Push the consensus of these clauses (after brackets or alternatives changed). */
  publishConsensus(draftId: string, clauseIds: string[]): Promise<void>;
  logger: Logger;
  /** Called after an alternative was proposed (e.g. to notify delegations holding a position on the clause). */
  onAlternativeProposed?(alternative: AlternativeDto, clause: { id: string; number: number; title: string }, actor: Identity): Promise<void> | void;
}

const toBytes = (rel: Y.RelativePosition) => Y.encodeRelativePosition(rel);
const fromBytes = (bytes: Uint8Array) => Y.decodeRelativePosition(bytes);

export function createAnnotationService(options: AnnotationServiceOptions) {
  const { db, drafts, registry, clauseStates, publisher, logger } = options;

  async function clauseOf(draftId: string, clauseId: string): Promise<ClauseRow> {
    if (!UUID.test(clauseId)) throw notFound('No such clause in this draft.');
    const [row] = await db.select().from(clauses).where(and(eq(clauses.id, clauseId), eq(clauses.draftId, draftId))).limit(1);
    if (!row) throw notFound('No such clause in this draft.');
    return row;
  }

  /** Run `fn` with the draft's loaded room (loading it when nobody has it open). */
  async function withRoom<T>(draftId: string, fn: (room: DraftRoom) => T | Promise<T>): Promise<T> {
    const room = await registry.acquire(draftId);
    try {
      return await fn(room);
    } finally {
      registry.release(room);
    }
  }

  function requireAnnotate(identity: Identity, access: 'read' | 'write', clause: ClauseRow): void {
    const refusal = annotationRefusal(identity, access, clause.status as ClauseStatus);
    if (refusal) throw new AppError(refusal.code, { message: refusal.message });
  }

  /** Anchors for the requested words, checked against the server's copy of the text. */
  function anchorFor(room: DraftRoom, clauseId: string, span: SpanInput, quote: string | undefined): { anchor: SpanAnchor; current: CurrentSpanDto } {
    let anchor: SpanAnchor | null;
    if ('range' in span) {
      anchor = anchorSpan(room.doc, clauseId, span.range.from, span.range.to);
      if (!anchor) throw badRequest('The range does not select words of this clause (check from and to against the clause text).');
    } else {
      const start = decodeAnchor(span.anchor.start);
      const end = decodeAnchor(span.anchor.end);
      if (!start || !end) throw badRequest('anchor.start and anchor.end must be Yjs relative positions (base64).');
      anchor = { start, end };
    }
    const current = resolveSpan(room.doc, clauseId, anchor);
    if (!current) {
      throw conflict('The selected words are not in this clause on the server (yet): wait until your edits are saved and select them again.');
    }
    if (quote !== undefined && quote !== current.text) {
      throw conflict(`The text changed while you selected it: the server has "${current.text.slice(0, 200)}" there. Select the words again.`);
    }
    return { anchor, current };
  }

  function currentOf(room: DraftRoom | null, clauseId: string, start: Uint8Array | null, end: Uint8Array | null): CurrentSpanDto | null {
    if (!room || !start || !end) return null;
    try {
      return resolveSpan(room.doc, clauseId, { start: fromBytes(start), end: fromBytes(end) });
    } catch {
      return null;
    }
  }

  function toBracketDto(row: BracketRow, room: DraftRoom | null): BracketDto {
    return {
      id: row.id,
      draftId: row.draftId,
      clauseId: row.clauseId,
      anchor: { start: encodeAnchor(fromBytes(row.anchorStart)), end: encodeAnchor(fromBytes(row.anchorEnd)) },
      quote: row.quote,
      current: currentOf(room, row.clauseId, row.anchorStart, row.anchorEnd),
      delegation: row.delegationCode,
      proposedBy: row.proposedByName,
      proposedAt: row.proposedAt.toISOString(),
      state: row.state,
      ...(row.removedAt ? { removedAt: row.removedAt.toISOString() } : {}),
      ...(row.removedByName ? { removedBy: row.removedByName } : {}),
      ...(row.removedByDelegation ? { removedByDelegation: row.removedByDelegation } : {}),
    };
  }

  function toAlternativeDto(row: AlternativeRow, backers: DelegationCode[], room: DraftRoom | null): AlternativeDto {
    const span = row.scope === 'span' && row.anchorStart && row.anchorEnd;
    return {
      id: row.id,
      draftId: row.draftId,
      clauseId: row.clauseId,
      groupId: row.groupId,
      number: row.number,
      scope: row.scope,
      ...(span ? { anchor: { start: encodeAnchor(fromBytes(row.anchorStart!)), end: encodeAnchor(fromBytes(row.anchorEnd!)) } } : {}),
      quote: row.quote,
      ...(span ? { current: currentOf(room, row.clauseId, row.anchorStart, row.anchorEnd) } : {}),
      body: row.body,
      ...(row.note ? { note: row.note } : {}),
      delegation: row.delegationCode,
      proposedBy: row.proposedByName,
      proposedAt: row.proposedAt.toISOString(),
      state: row.state as AlternativeState,
      backers: [...backers].sort(),
      ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
      ...(row.decidedByName ? { decidedBy: row.decidedByName } : {}),
      ...(row.decisionNote ? { decisionNote: row.decisionNote } : {}),
      ...(row.replacedText !== null ? { replacedText: row.replacedText } : {}),
    };
  }

  async function backersOf(ids: string[]): Promise<Map<string, DelegationCode[]>> {
    const out = new Map<string, DelegationCode[]>();
    if (ids.length === 0) return out;
    const rows = await db.select().from(alternativeBackings).where(inArray(alternativeBackings.alternativeId, ids));
    for (const r of rows) out.set(r.alternativeId, [...(out.get(r.alternativeId) ?? []), r.delegationCode]);
    return out;
  }

  async function alternativeDtos(rows: AlternativeRow[], room: DraftRoom | null): Promise<AlternativeDto[]> {
    const backers = await backersOf(rows.map((r) => r.id));
    return rows.map((r) => toAlternativeDto(r, backers.get(r.id) ?? [], room));
  }

  async function loadAlternative(draftId: string, alternativeId: string): Promise<AlternativeRow> {
    if (!UUID.test(alternativeId)) throw notFound('No such alternative in this draft.');
    const [row] = await db
      .select()
      .from(alternatives)
      .where(and(eq(alternatives.id, alternativeId), eq(alternatives.draftId, draftId)))
      .limit(1);
    if (!row) throw notFound('No such alternative in this draft.');
    return row;
  }

  /** Consensus depends on open brackets and alternatives: recount and push it. */
  async function clauseChanged(draftId: string, clauseIds: string[]): Promise<void> {
    clauseStates.invalidate(draftId, clauseIds);
    await options.publishConsensus(draftId, clauseIds).catch((err: unknown) => logger.warn({ err, draftId }, 'could not publish consensus'));
  }

  async function publishAlternatives(draftId: string, rows: AlternativeRow[]): Promise<AlternativeDto[]> {
    const dtos = await withRoom(draftId, (room) => alternativeDtos(rows, room));
    if (dtos.length > 0) publisher.publish(draftId, 'alternatives:updated', { draftId, alternatives: dtos });
    return dtos;
  }

  return {
    /** Open anchors per clause, for the dispute count in consensus (no authorisation: server use). */
    /** Open recorded brackets and alternatives of some clauses; `gentle`: one read at a time, with a turn of the event loop between. */
    async unsafeOpenAnchors(draftId: string, clauseIds: readonly string[], { gentle = false } = {}): Promise<Map<string, OpenAnchors>> {
      const out = new Map<string, OpenAnchors>();
      if (clauseIds.length === 0) return out;
      const ids = [...clauseIds];
      const readBrackets = () =>
        db
          .select({ clauseId: brackets.clauseId, start: brackets.anchorStart, end: brackets.anchorEnd })
          .from(brackets)
          .where(and(eq(brackets.draftId, draftId), inArray(brackets.clauseId, ids), eq(brackets.state, 'open')));
      const readAlternatives = () =>
        db
          .select({ clauseId: alternatives.clauseId, start: alternatives.anchorStart, end: alternatives.anchorEnd })
          .from(alternatives)
          .where(and(eq(alternatives.draftId, draftId), inArray(alternatives.clauseId, ids), eq(alternatives.state, 'open')));
      let bracketRows: Awaited<ReturnType<typeof readBrackets>>;
      let altRows: Awaited<ReturnType<typeof readAlternatives>>;
      if (gentle) {
        bracketRows = await readBrackets();
        await nextTurn();
        altRows = await readAlternatives();
      } else {
        [bracketRows, altRows] = await Promise.all([readBrackets(), readAlternatives()]);
      }
      const entry = (id: string) => {
        let e = out.get(id);
        if (!e) out.set(id, (e = { brackets: [], alternatives: [] }));
        return e;
      };
      for (const b of bracketRows) entry(b.clauseId).brackets.push({ start: fromBytes(b.start), end: fromBytes(b.end) });
      for (const a of altRows) entry(a.clauseId).alternatives.push(a.start && a.end ? { start: fromBytes(a.start), end: fromBytes(a.end) } : null);
      return out;
    },

    /** Every bracket of a draft (open and removed, oldest first), with where each is in the text now. */
    async listBrackets(identity: Identity, draftId: string, clauseId?: string): Promise<BracketDto[]> {
      await drafts.requireAccess(identity, draftId);
      if (clauseId) await clauseOf(draftId, clauseId);
      const rows = await db
        .select()
        .from(brackets)
        .where(clauseId ? and(eq(brackets.draftId, draftId), eq(brackets.clauseId, clauseId)) : eq(brackets.draftId, draftId))
        .orderBy(asc(brackets.proposedAt), asc(brackets.id));
      return withRoom(draftId, (room) => rows.map((r) => toBracketDto(r, room)));
    },

    async addBracket(identity: Identity, draftId: string, clauseId: string, input: BracketInput): Promise<BracketDto> {
      const access = await drafts.requireAccess(identity, draftId);
      const clause = await clauseOf(draftId, clauseId);
      requireAnnotate(identity, access, clause);
      const delegation = identity.role === 'secretariat' ? null : identity.delegation;
      const { row, dto } = await withRoom(draftId, async (room) => {
        const { anchor, current } = anchorFor(room, clauseId, input.span, input.quote);
        const row = await db.transaction(async (tx) => {
          const [stored] = await tx
            .insert(brackets)
            .values({
              draftId,
              clauseId,
              anchorStart: toBytes(anchor.start),
              anchorEnd: toBytes(anchor.end),
              quote: current.text,
              delegationCode: delegation,
              proposedBy: identity.userId,
              proposedByName: identity.name,
            })
            .returning();
          await writeAudit(tx, {
            actor: identity,
            action: 'bracket.added',
            draftId,
            subject: `clause ${clause.number}`,
            details: { bracketId: stored.id, clauseId, delegation, quote: current.text, from: current.from, to: current.to },
          });
          return stored;
        });
        return { row, dto: toBracketDto(row, room) };
      });
      publisher.publish(draftId, 'bracket:updated', { draftId, bracket: dto });
      await clauseChanged(draftId, [row.clauseId]);
      return dto;
    },

    async removeBracket(identity: Identity, draftId: string, bracketId: string): Promise<BracketDto> {
      const access = await drafts.requireAccess(identity, draftId);
      if (!UUID.test(bracketId)) throw notFound('No such bracket in this draft.');
      const [existing] = await db.select().from(brackets).where(and(eq(brackets.id, bracketId), eq(brackets.draftId, draftId))).limit(1);
      if (!existing) throw notFound('No such bracket in this draft.');
      const clause = await clauseOf(draftId, existing.clauseId);
      requireAnnotate(identity, access, clause);
      if (!canRemoveBracket(identity, existing.delegationCode)) {
        throw forbidden(
          `Only the secretariat or ${existing.delegationCode ?? 'the secretariat'} (who proposed it) can remove this bracket.`,
        );
      }
      if (existing.state !== 'open') throw conflict('This bracket has already been removed.');
      const removedByDelegation = identity.role === 'secretariat' ? null : identity.delegation;
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(brackets)
          .set({ state: 'removed', removedAt: new Date(), removedBy: identity.userId, removedByName: identity.name, removedByDelegation })
          .where(and(eq(brackets.id, bracketId), eq(brackets.state, 'open')))
          .returning();
        if (!updated) throw conflict('This bracket has already been removed.');
        await writeAudit(tx, {
          actor: identity,
          action: 'bracket.removed',
          draftId,
          subject: `clause ${clause.number}`,
          details: { bracketId, clauseId: existing.clauseId, proposedBy: existing.delegationCode, removedBy: removedByDelegation, quote: existing.quote },
        });
        return updated;
      });
      const dto = await withRoom(draftId, (room) => toBracketDto(row, room));
      publisher.publish(draftId, 'bracket:updated', { draftId, bracket: dto });
      await clauseChanged(draftId, [row.clauseId]);
      return dto;
    },

    /** Every alternative of a draft (all states, by clause and number), with backers. */
    async listAlternatives(identity: Identity, draftId: string, clauseId?: string): Promise<AlternativeDto[]> {
      await drafts.requireAccess(identity, draftId);
      if (clauseId) await clauseOf(draftId, clauseId);
      const rows = await db
        .select()
        .from(alternatives)
        .where(clauseId ? and(eq(alternatives.draftId, draftId), eq(alternatives.clauseId, clauseId)) : eq(alternatives.draftId, draftId))
        .orderBy(asc(alternatives.clauseId), asc(alternatives.number));
      return withRoom(draftId, (room) => alternativeDtos(rows, room));
    },

    async proposeAlternative(identity: Identity, draftId: string, clauseId: string, input: AlternativeInput): Promise<AlternativeDto> {
      const access = await drafts.requireAccess(identity, draftId);
      const clause = await clauseOf(draftId, clauseId);
      requireAnnotate(identity, access, clause);
      const delegation = identity.role === 'secretariat' ? null : identity.delegation;
      const body = input.body.trim();
      const note = input.note?.trim() || null;

      let competing: AlternativeRow | null = null;
      if (input.competesWith) {
        competing = await loadAlternative(draftId, input.competesWith);
        if (competing.clauseId !== clauseId) throw badRequest('competesWith must name an alternative of the same clause.');
        if (competing.state !== 'open') throw conflict(`ALT ${competing.number} is no longer open (${competing.state}).`);
      }
      const scope: 'clause' | 'span' = competing ? competing.scope : input.span ? 'span' : 'clause';
      if (scope === 'span' && /[\r\n]/.test(body)) throw badRequest('An alternative for a span of text is one run of words: remove the line breaks.');

      const id = crypto.randomUUID();
      const row = await withRoom(draftId, async (room) => {
        let anchorStart: Uint8Array | null = null;
        let anchorEnd: Uint8Array | null = null;
        let quote: string;
        if (competing) {
          anchorStart = competing.anchorStart;
          anchorEnd = competing.anchorEnd;
          const current = currentOf(room, clauseId, anchorStart, anchorEnd);
          if (scope === 'span' && !current) throw conflict(`The words ALT ${competing.number} replaces have been deleted from the text.`);
          quote = scope === 'span' ? current!.text : indexFragment(room.doc.getXmlFragment(clauseField(clauseId))).text;
        } else if (input.span) {
          const { anchor, current } = anchorFor(room, clauseId, input.span, input.quote);
          const start = resolveOffset(room.doc, indexFragment(room.doc.getXmlFragment(clauseField(clauseId))), anchor.start);
          const end = resolveOffset(room.doc, indexFragment(room.doc.getXmlFragment(clauseField(clauseId))), anchor.end);
          if (!start || !end || start.node !== end.node) {
            throw badRequest('Select words within one paragraph for an alternative wording, or propose an alternative to the whole clause.');
          }
          anchorStart = toBytes(anchor.start);
          anchorEnd = toBytes(anchor.end);
          quote = current.text;
        } else {
          quote = indexFragment(room.doc.getXmlFragment(clauseField(clauseId))).text;
        }
        if (body === quote.trim()) throw badRequest('The alternative wording is the same as the current text.');

        return db.transaction(async (tx) => {
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
          const [{ last }] = await tx.select({ last: max(alternatives.number) }).from(alternatives).where(eq(alternatives.clauseId, clauseId));
          const number = Math.max(1, Number(last ?? 1)) + 1;
          const [stored] = await tx
            .insert(alternatives)
            .values({
              id,
              draftId,
              clauseId,
              groupId,
              number,
              scope,
              anchorStart,
              anchorEnd,
              quote,
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
            details: { alternativeId: id, clauseId, groupId, number, scope, delegation, quote, body, note },
          });
          return stored;
        });
      });

      const groupRows = await db.select().from(alternatives).where(and(eq(alternatives.groupId, row.groupId), eq(alternatives.state, 'open')));
      const dtos = await publishAlternatives(draftId, groupRows);
      await clauseChanged(draftId, [clauseId]);
      const dto = dtos.find((d) => d.id === row.id)!;
      if (options.onAlternativeProposed) {
        try {
          await options.onAlternativeProposed(dto, { id: clause.id, number: clause.number, title: clause.title }, identity);
        } catch (err) {
          logger.warn({ err, draftId, alternativeId: row.id }, 'could not notify delegations of a new alternative');
        }
      }
      return dto;
    },

    /** Back (or stop backing) an open alternative for the caller's delegation; returns the group's open alternatives. */
    async setBacking(identity: Identity, draftId: string, alternativeId: string, backed: boolean): Promise<AlternativeDto[]> {
      const access = await drafts.requireAccess(identity, draftId);
      const alt = await loadAlternative(draftId, alternativeId);
      const clause = await clauseOf(draftId, alt.clauseId);
      if (!canBackAlternatives(identity, access)) {
        throw forbidden(
          identity.role === 'secretariat'
            ? 'The secretariat does not back alternatives: delegations do, and the secretariat adopts one.'
            : 'Only a participating delegation can back an alternative.',
        );
      }
      requireAnnotate(identity, access, clause);
      if (alt.state !== 'open') throw conflict(`ALT ${alt.number} is no longer open (${alt.state}).`);
      const delegation = identity.delegation!;
      await db.transaction(async (tx) => {
        const [previous] = await tx
          .select()
          .from(alternativeBackings)
          .where(and(eq(alternativeBackings.groupId, alt.groupId), eq(alternativeBackings.delegationCode, delegation)))
          .limit(1);
        if (backed) {
          if (previous?.alternativeId === alt.id) return;
          await tx
            .insert(alternativeBackings)
            .values({ groupId: alt.groupId, delegationCode: delegation, alternativeId: alt.id, draftId, backedBy: identity.userId })
            .onConflictDoUpdate({
              target: [alternativeBackings.groupId, alternativeBackings.delegationCode],
              set: { alternativeId: alt.id, backedAt: new Date(), backedBy: identity.userId },
            });
        } else {
          if (previous?.alternativeId !== alt.id) return;
          await tx
            .delete(alternativeBackings)
            .where(and(eq(alternativeBackings.groupId, alt.groupId), eq(alternativeBackings.delegationCode, delegation)));
        }
        await writeAudit(tx, {
          actor: identity,
          action: backed ? 'alternative.backed' : 'alternative.unbacked',
          draftId,
          subject: `clause ${clause.number} ALT ${alt.number}`,
          details: { alternativeId: alt.id, clauseId: alt.clauseId, delegation, previous: previous?.alternativeId ?? null },
        });
      });
      const groupRows = await db
        .select()
        .from(alternatives)
        .where(and(eq(alternatives.groupId, alt.groupId), eq(alternatives.state, 'open')))
        .orderBy(asc(alternatives.number));
      return publishAlternatives(draftId, groupRows);
    },

    async withdrawAlternative(identity: Identity, draftId: string, alternativeId: string): Promise<AlternativeDto> {
      const access = await drafts.requireAccess(identity, draftId);
      const alt = await loadAlternative(draftId, alternativeId);
      const clause = await clauseOf(draftId, alt.clauseId);
      requireAnnotate(identity, access, clause);
      if (!canWithdrawAlternative(identity, alt.delegationCode)) {
        throw forbidden(`Only ${alt.delegationCode ?? 'the secretariat'}, who proposed ALT ${alt.number}, can withdraw it.`);
      }
      if (alt.state !== 'open') throw conflict(`ALT ${alt.number} is no longer open (${alt.state}).`);
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(alternatives)
          .set({ state: 'withdrawn', decidedAt: new Date(), decidedBy: identity.userId, decidedByName: identity.name, decisionNote: 'Withdrawn by its proposer.' })
          .where(and(eq(alternatives.id, alt.id), eq(alternatives.state, 'open')))
          .returning();
        if (!updated) throw conflict(`ALT ${alt.number} is no longer open.`);
        await tx.delete(alternativeBackings).where(eq(alternativeBackings.alternativeId, alt.id));
        await writeAudit(tx, {
          actor: identity,
          action: 'alternative.withdrawn',
          draftId,
          subject: `clause ${clause.number} ALT ${alt.number}`,
          details: { alternativeId: alt.id, clauseId: alt.clauseId, delegation: alt.delegationCode },
        });
        return updated;
      });
      const [dto] = await publishAlternatives(draftId, [row]);
      await clauseChanged(draftId, [alt.clauseId]);
      return dto;
    },

    /**
     * The secretariat adopts an alternative: its wording replaces the span (or the whole
     * clause body) in the live document, as an edit attributed to the secretariat officer,
     * and the other open alternatives for the same words are archived.
     */
    async adoptAlternative(identity: Identity, draftId: string, alternativeId: string, input: { note?: string }): Promise<AdoptionDto> {
      await drafts.requireAccess(identity, draftId);
      const alt = await loadAlternative(draftId, alternativeId);
      const clause = await clauseOf(draftId, alt.clauseId);
      if (identity.role !== 'secretariat') throw forbidden('Only the secretariat adopts an alternative wording.');
      if (clause.status === 'withdrawn') throw conflict('This clause has been withdrawn.');
      if (alt.state !== 'open') throw conflict(`ALT ${alt.number} is no longer open (${alt.state}).`);
      const note = input.note?.trim() || null;

      const result = await withRoom(draftId, async (room) => {
        /** What the adoption replaces right now, and the edit that does it (synchronous: no other edit can come in between). */
        const plan = (): { replaced: string; apply: () => void } => {
          const fragment = room.doc.getXmlFragment(clauseField(alt.clauseId));
          const index = indexFragment(fragment);
          if (alt.scope === 'clause') {
            return {
              replaced: index.text,
              apply: () => {
                fragment.delete(0, fragment.length);
                fragment.insert(0, paragraphsOf(alt.body));
              },
            };
          }
          const start = alt.anchorStart && resolveOffset(room.doc, index, fromBytes(alt.anchorStart));
          const end = alt.anchorEnd && resolveOffset(room.doc, index, fromBytes(alt.anchorEnd));
          if (!start || !end || start.offset >= end.offset) {
            throw conflict(`The words ALT ${alt.number} replaces have been deleted from the text; it cannot be adopted.`);
          }
          if (start.node !== end.node) {
            throw conflict(`The words ALT ${alt.number} replaces now run across paragraphs; adopt a whole-clause alternative instead.`);
          }
          const node = start.node;
          // Keep the formatting of the first replaced character (bold, italic…).
          const attributes = formatAt(node, start.typeIndex);
          return {
            replaced: index.text.slice(start.offset, end.offset),
            apply: () => {
              node.delete(start.typeIndex, end.typeIndex - start.typeIndex);
              node.insert(start.typeIndex, alt.body, attributes);
            },
          };
        };
        const before = plan();

        const now = new Date();
        const rows = await db.transaction(async (tx) => {
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
            .set({ state: 'archived', decidedAt: now, decidedBy: identity.userId, decidedByName: identity.name, decisionNote: `Archived: ALT ${alt.number} was adopted.` })
            .where(
              and(
                eq(alternatives.state, 'open'),
                alt.scope === 'clause' ? eq(alternatives.clauseId, alt.clauseId) : eq(alternatives.groupId, alt.groupId),
              ),
            )
            .returning();
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
              replaced: before.replaced,
              body: alt.body,
              archived: others.map((o) => o.number),
              note,
            },
          });
          // The text changes last inside the transaction: when it cannot, nothing is recorded.
          const now2 = plan();
          const origin: ChangeOrigin = { conn: null, userId: identity.userId, delegation: identity.delegation, clauseIds: [alt.clauseId] };
          Y.transact(room.doc, now2.apply, origin);
          if (now2.replaced !== before.replaced) {
            // Someone edited the words while the decision was being written: record what was actually replaced.
            const [fixed] = await tx.update(alternatives).set({ replacedText: now2.replaced }).where(eq(alternatives.id, alt.id)).returning();
            return { adopted: fixed, others };
          }
          return { adopted, others };
        });
        // Answer once the edit is stored (and so relayed to every connected client).
        await room.flushed();
        return rows;
      });

      const dtos = await publishAlternatives(draftId, [result.adopted, ...result.others]);
      await clauseChanged(draftId, [alt.clauseId]);
      return { adopted: dtos[0], archived: dtos.slice(1) };
    },
  };
}

/** A whole-clause wording as paragraphs, one per non-empty line. */
function paragraphsOf(body: string): Y.XmlElement[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    });
}

/** Formatting attributes of the character at `index` of an XmlText, so replaced words keep it. */
function formatAt(node: Y.XmlText, index: number): Record<string, unknown> | undefined {
  let i = 0;
  for (const op of node.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
    const len = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < i + len) return op.attributes;
    i += len;
  }
  return undefined;
}

export type AnnotationService = ReturnType<typeof createAnnotationService>;

/** Open anchors per clause, as ClauseStates asks for them. */
export type OpenAnchorsProvider = Pick<AnnotationService, 'unsafeOpenAnchors'>;
