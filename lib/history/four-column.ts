/**
 * The four-column document (`GET /api/drafts/:id/four-column`): per clause, the text at
 * point A, the text at point B with the changes marked, the delegations' positions and
 * reservations at B, and the secretariat's comment (the optional fifth column).
 */
import { z } from 'zod';
import { freeText } from '../validation/text';
import type { FourColumnBracketDto } from './four-column-marks';
import type { DiffSegment, ResolvedPointDto } from './types';

export type { FourColumnBracketDto } from './four-column-marks';

export interface FourColumnPositionDto {
  delegation: string;
  position: string;
  reservation?: string;
  note?: string;
  /** Given on text other than the clause's text at B. */
  stale: boolean;
}

export interface FourColumnRowDto {
  clauseId: string;
  /** Null for a clause withdrawn at B (out of the numbering). */
  number: number | null;
  title: string;
  textA: string;
  textB: string;
  /** The changes from A to B, attributed (as in a comparison). */
  segments: DiffSegment[];
  /** Recorded brackets open at A, as offsets in `textA`, with the proposing delegations. */
  bracketsA: FourColumnBracketDto[];
  /** Recorded brackets open at B, as offsets in `textB`. */
  bracketsB: FourColumnBracketDto[];
  positions: FourColumnPositionDto[];
  /** The secretariat's comment at B, when there is one. */
  comment?: string;
}

export interface FourColumnDto {
  from: ResolvedPointDto;
  to: ResolvedPointDto;
  rows: FourColumnRowDto[];
}

/** The longest secretariat comment on a clause. */
export const CLAUSE_COMMENT_MAX = 4000;

export const clauseCommentSchema = z.object({
  /** An empty comment clears it. */
  comment: freeText({ multiline: true, trim: true, error: 'comment must be text' }).max(CLAUSE_COMMENT_MAX, {
    error: `the comment is at most ${CLAUSE_COMMENT_MAX.toLocaleString('en-GB')} characters`,
  }),
});

/** A row whose text did not change between A and B (collapsed on screen). */
export function rowUnchanged(row: Pick<FourColumnRowDto, 'segments'>): boolean {
  return row.segments.every((s) => s.kind === 'equal');
}
