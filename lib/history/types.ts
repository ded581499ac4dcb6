/**
 * JSON shapes of the history API (revisions, timeline, authorship, comparison).
 * `ClauseDiff` is also consumed by the export of a comparison as DOCX: keep its shape.
 */
import type { StructureChangeDto, StructureChangeKind } from '../realtime/events';
import type { TimelineSourceName } from './timeline-sources';

/** One clause of a comparison between two points of a draft. */
export interface ClauseDiff {
  clauseId: string;
  number: number | null;
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
  /** Human label: "Rev.3", "Now", "Start of the draft", "4 Mar 2026, 14:05 UTC" (never a log number). */
  label: string;
  /** Who made the point: the revision's cutter, or the author of the last change in it ("FR · Marie Dupont"); null when unknown or not one person. */
  by?: string | null;
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
  number: number | null;
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
  number: number | null;
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
  /** Clauses added, renamed, moved, split, merged, withdrawn or reinstated between the two points, oldest first. */
  structure: StructureChangeDto[];
  clauses: ClauseDiff[];
  summary: {
    changedClauses: Array<{ clauseId: string; number: number | null; title: string; inserted: number; deleted: number }>;
    inserted: number;
    deleted: number;
  };
}

/** Who did something, as every timeline entry names them (lib/ui/people.ts `actorLabel` words it). */
export interface TimelineActor {
  name: string | null;
  /** Null when the record does not say (the label then goes by the delegation). */
  role: 'secretariat' | 'delegate' | 'observer' | null;
  delegation: string | null;
}

/** Fields every timeline entry has. */
interface EntryBase {
  /** The source the entry comes from (lib/history/timeline-sources.ts): with `id`, unique in the timeline. */
  source: TimelineSourceName;
  /** The row id within its source (a number or a UUID). */
  id: number | string;
  at: string;
  /** Who did it; null when nobody did (a silence ending on its deadline). */
  actor: TimelineActor | null;
}

/** An edit session: one person's consecutive edits with no pause longer than the gap. */
export interface SessionEntry extends EntryBase {
  kind: 'session';
  id: number;
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

export interface RevisionEntry extends EntryBase {
  kind: 'revision';
  id: number;
  revision: RevisionDto;
}

export interface StatusEntry extends EntryBase {
  kind: 'status';
  id: number;
  clauseId: string | null;
  clauseNumbers: number[];
  action: string;
  from: string | null;
  to: string | null;
  by: string | null;
  note: string | null;
}

export interface PositionEntry extends EntryBase {
  kind: 'position';
  id: number;
  clauseId: string;
  clauseNumber: number | null;
  delegation: string;
  from: string | null;
  to: string;
  by: string | null;
  /** The delegation that stated it under a mandate ("PL for HU"); null: the delegation itself. */
  statedBy: string | null;
  /** Confirmed unchanged on the current text (not a change of mind). */
  confirmed: boolean;
}

/** A comment or a reply. Internal notes reach only their own team (filtered on the server). */
export interface CommentEntry extends EntryBase {
  kind: 'comment';
  id: string;
  threadId: string;
  clauseId: string;
  clauseNumber: number | null;
  reply: boolean;
  /** An internal note of `team` (a delegation code, or `#secretariat`). */
  internal: boolean;
  team: string | null;
  /** The words commented on (a thread; null for a reply). */
  quote: string | null;
  /** The comment, shortened to 300 characters. */
  excerpt: string;
}

export interface BracketEntry extends EntryBase {
  kind: 'bracket';
  id: string;
  clauseId: string;
  clauseNumber: number | null;
  event: 'added' | 'removed' | 'resolved';
  quote: string;
  /** The delegation that bracketed the words (null: the secretariat). */
  delegation: string | null;
  /** How a resolved bracket was closed ("Resolved by adoption of ALT 2."). */
  note: string | null;
}

export interface AlternativeEntry extends EntryBase {
  kind: 'alternative';
  clauseId: string;
  clauseNumber: number | null;
  /** The ALT number (from 2). */
  number: number | null;
  event: 'proposed' | 'backed' | 'unbacked' | 'withdrawn' | 'adopted' | 'archived';
  /** The proposing delegation, or the backing one for backed/unbacked. */
  delegation: string | null;
  /** The proposed wording (proposed) or the reason given (withdrawn, adopted, archived). */
  text: string | null;
}

/** A change of the draft's clause structure: a clause added, renamed, moved, split or merged. */
export interface StructureEntry extends EntryBase {
  kind: 'structure';
  id: number;
  change: StructureChangeKind;
  /** The clause it is about (see StructureChangeDto). */
  clauseId: string | null;
  /** Today's numbers of the clauses it touched that are still in the draft. */
  clauseNumbers: number[];
  /** What changed, per kind (see StructureChangeDto); lib/ui/structure-words.ts words it. */
  details: Record<string, unknown>;
}

/** The secretariat's comment on a clause (the fifth column of the four-column document) set, changed or cleared. */
export interface ClauseCommentEntry extends EntryBase {
  kind: 'clause-comment';
  id: number;
  clauseId: string;
  clauseNumber: number | null;
  /** The comment as set, shortened to 300 characters; null when it was cleared. */
  excerpt: string | null;
}

/** A mandate (proxy) given or revoked: `to` states `from`'s positions ("PL for HU"). */
export interface MandateEntry extends EntryBase {
  kind: 'mandate';
  id: number;
  event: 'given' | 'revoked';
  from: string;
  to: string;
  /** The clauses it covers; null: every clause (or, for a revocation, not recorded). */
  clauseNumbers: number[] | null;
  until: string | null;
  /** The mandate also allows breaking silence for `from`. */
  breakSilence: boolean;
  /** Recorded by the secretariat from a letter. */
  byLetter: boolean;
}

export type TimelineEntry =
  | SessionEntry
  | RevisionEntry
  | StatusEntry
  | PositionEntry
  | CommentEntry
  | BracketEntry
  | AlternativeEntry
  | StructureEntry
  | ClauseCommentEntry
  | MandateEntry;

/** What the timeline can be filtered to (the `kind` query parameter). */
export const TIMELINE_KINDS = [
  'session',
  'revision',
  'status',
  'structure',
  'position',
  'comment',
  'bracket',
  'alternative',
  'clause-comment',
  'mandate',
] as const satisfies ReadonlyArray<TimelineEntry['kind']>;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `cursor` for the next (older) page; null at the beginning of the history. */
  nextCursor: string | null;
}

export interface RestoreResultDto {
  to: ResolvedPointDto;
  restoredClauses: Array<{ clauseId: string; number: number | null }>;
  /** Clauses that already had the text of that point (nothing was written for them). */
  unchangedClauses: Array<{ clauseId: string; number: number | null }>;
}
