/**
 * Rows of brackets and alternatives as the API sends them, with where their words are in
 * the live text now (null when the words were deleted: detached).
 */
import * as Y from 'yjs';
import type { AlternativeDto, AlternativeState, BracketDto, CurrentSpanDto } from '@/lib/api/types';
import { encodeAnchor, resolveSpan } from '@/lib/collab/text-anchor';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import type { DraftRoom } from '../collab/draft-room';
import type { AlternativeRow, BracketRow } from './annotation-types';

export const toBytes = (rel: Y.RelativePosition) => Y.encodeRelativePosition(rel);
export const fromBytes = (bytes: Uint8Array) => Y.decodeRelativePosition(bytes);

/** Where stored anchors are in the room's text now; null when detached or unreadable. */
export function currentOf(room: DraftRoom | null, clauseId: string, start: Uint8Array | null, end: Uint8Array | null): CurrentSpanDto | null {
  if (!room || !start || !end) return null;
  try {
    return resolveSpan(room.doc, clauseId, { start: fromBytes(start), end: fromBytes(end) });
  } catch {
    return null;
  }
}

export function toBracketDto(row: BracketRow, room: DraftRoom | null): BracketDto {
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
    ...(row.resolution ? { resolution: row.resolution } : {}),
  };
}

export function toAlternativeDto(row: AlternativeRow, backers: DelegationCode[], room: DraftRoom | null): AlternativeDto {
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
