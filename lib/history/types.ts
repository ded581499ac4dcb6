/**
 * JSON shapes of the history API (revisions, timeline, authorship, comparison).
 * `ClauseDiff` is also consumed by the export of a comparison as DOCX: keep its shape.
 */

/** One clause of a comparison between two points of a draft. */
export interface ClauseDiff {
  clauseId: string;
  number: number;
  title: string;
  changed: boolean;
  segments: Array<{ kind: 'equal' | 'insert' | 'delete'; text: string; delegation: string | null; userName: string | null }>;
}

export type DiffSegment = ClauseDiff['segments'][number];

/** Who wrote or deleted a piece of text (null fields: unknown, e.g. the initial text). */
export interface Author {
  userId: string | null;
  userName: string | null;
  delegation: string | null;
  /** When the edit (or its session) happened, ISO 8601. */
  at: string | null;
}

/** A point of the history, resolved: every logged update up to `logId` is in it. */
export interface ResolvedPointDto {
  /** What was asked for, normalised: `rev:3`, `log:1234`, an ISO time, or `now`. */
  spec: string;
  logId: number;
  /** Time of the last update in the point (or of the revision cut). */
  at: string | null;
  /** Human label: "Rev.3", "Now", "4 Mar 2026, 14:05 UTC". */
  label: string;
  revision?: number;
}

export interface RevisionDto {
  number: number;
  /** `Rev.N` */
  label: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
  /** Every logged update up to this id is in the revision. */
  upToId: number;
}

export interface ClauseTextDto {
  clauseId: string;
  number: number;
  title: string;
  text: string;
}

export interface RevisionTextDto {
  revision: RevisionDto;
  clauses: ClauseTextDto[];
}

export interface TextAtPointDto {
  point: ResolvedPointDto;
  clauses: ClauseTextDto[];
}

/** A run of text written by one person (adjacent characters with the same author). */
export interface AuthorRun {
  text: string;
  delegation: string | null;
  userName: string | null;
  userId: string | null;
  at: string | null;
}

export interface ClauseAuthorshipDto {
  clauseId: string;
  number: number;
  title: string;
  runs: AuthorRun[];
}

export interface AuthorshipDto {
  point: ResolvedPointDto;
  clauses: ClauseAuthorshipDto[];
  /** Characters of surviving text per author, most first. */
  authors: Array<{ delegation: string | null; userName: string | null; chars: number }>;
}

export interface CompareDto {
  from: ResolvedPointDto;
  to: ResolvedPointDto;
  clauses: ClauseDiff[];
  summary: {
    changedClauses: Array<{ clauseId: string; number: number; title: string; inserted: number; deleted: number }>;
    inserted: number;
    deleted: number;
  };
}

/** An edit session: one person's consecutive edits with no pause longer than the gap. */
export interface SessionEntry {
  kind: 'session';
  id: number;
  at: string;
  startedAt: string;
  endedAt: string;
  delegation: string | null;
  userName: string | null;
  clauseIds: string[];
  clauseNumbers: number[];
  inserted: number;
  deleted: number;
  edits: number;
  firstLogId: number;
  lastLogId: number;
}

export interface RevisionEntry {
  kind: 'revision';
  id: number;
  at: string;
  revision: RevisionDto;
}

export interface StatusEntry {
  kind: 'status';
  id: number;
  at: string;
  clauseId: string | null;
  clauseNumbers: number[];
  action: string;
  from: string | null;
  to: string | null;
  by: string | null;
  note: string | null;
}

export interface PositionEntry {
  kind: 'position';
  id: number;
  at: string;
  clauseId: string;
  clauseNumber: number | null;
  delegation: string;
  from: string | null;
  to: string;
  by: string | null;
}

export type TimelineEntry = SessionEntry | RevisionEntry | StatusEntry | PositionEntry;

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `cursor` for the next (older) page; null at the beginning of the history. */
  nextCursor: string | null;
}

export interface RestoreResultDto {
  to: ResolvedPointDto;
  restoredClauses: Array<{ clauseId: string; number: number }>;
  /** Clauses that already had the text of that point (nothing was written for them). */
  unchangedClauses: Array<{ clauseId: string; number: number }>;
}
