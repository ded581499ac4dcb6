/**
 * What every annotation use case shares: the dependencies, the lookups of a clause or an
 * alternative in a draft, the permission check, anchoring requested words on the server's
 * copy of the text, and pushing what changed (alternatives, consensus) live.
 */
import { liveClauseOf } from '../drafts/structure/merged-clause';
import { and, eq, inArray } from 'drizzle-orm';
import type { AlternativeDto, CurrentSpanDto } from '@/lib/api/types';
import { annotationRefusal } from '@/lib/authz/annotations';
import type { DraftAccess } from '@/lib/authz/draft-access';
import { anchorSpan, decodeAnchor, resolveSpan, type SpanAnchor } from '@/lib/collab/text-anchor';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { DraftRoom } from '../collab/draft-room';
import { alternativeBackings, alternatives } from '../db/schema';
import { toAlternativeDto } from './annotation-dtos';
import type { AlternativeRow, AnnotationServiceOptions, ClauseRow, SpanInput } from './annotation-types';
import { isUuid } from '@/lib/validation/uuid';

export { isUuid };
export const notFound = (message: string) => new AppError('not_found', { message });
export const forbidden = (message: string) => new AppError('forbidden', { message });
export const conflict = (message: string) => new AppError('conflict', { message });
export const badRequest = (message: string) => new AppError('bad_request', { message });

export type AnnotationContext = ReturnType<typeof createAnnotationContext>;

export function createAnnotationContext(options: AnnotationServiceOptions) {
  const { db, registry, clauseStates, publisher } = options;

  /** The clause of this draft; 404 for another draft's clause or a malformed id, 409 when merged away. */
  const clauseOf = (draftId: string, clauseId: string): Promise<ClauseRow> => liveClauseOf(db, draftId, clauseId);

  async function loadAlternative(draftId: string, alternativeId: string): Promise<AlternativeRow> {
    if (!isUuid(alternativeId)) throw notFound('No such alternative in this draft.');
    const [row] = await db
      .select()
      .from(alternatives)
      .where(and(eq(alternatives.id, alternativeId), eq(alternatives.draftId, draftId)))
      .limit(1);
    if (!row) throw notFound('No such alternative in this draft.');
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

  /** Throws the refusal of lib/authz/annotations when the person may not annotate this clause. */
  function requireAnnotate(identity: Identity, access: DraftAccess, clause: ClauseRow): void {
    const refusal = annotationRefusal(identity, access, clause.status as ClauseStatus);
    if (refusal) throw new AppError(refusal.code, { message: refusal.message });
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

  /** Consensus depends on open brackets and alternatives: recount and push it. */
  async function clauseChanged(draftId: string, clauseIds: string[]): Promise<void> {
    clauseStates.invalidate(draftId, clauseIds);
    await options.draftEvents.emit('clauses:changed', { draftId, clauseIds, cause: 'annotations' });
  }

  async function publishAlternatives(draftId: string, rows: AlternativeRow[]): Promise<AlternativeDto[]> {
    const dtos = await withRoom(draftId, (room) => alternativeDtos(rows, room));
    if (dtos.length > 0) publisher.publish(draftId, 'alternatives:updated', { draftId, alternatives: dtos });
    return dtos;
  }

  return { ...options, clauseOf, loadAlternative, withRoom, requireAnnotate, alternativeDtos, clauseChanged, publishAlternatives };
}

/** Anchors for the requested words, checked against the server's copy of the text. */
export function anchorFor(room: DraftRoom, clauseId: string, span: SpanInput, quote: string | undefined): { anchor: SpanAnchor; current: CurrentSpanDto } {
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
