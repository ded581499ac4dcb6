/**
 * What the annotation use cases take and are given: request shapes, the options the
 * composition root passes, and the rows they work on. Kept apart from the facade so that
 * the use-case files import it without importing each other.
 */
import type { Logger } from 'pino';
import type { AlternativeDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { AnnotationEvents } from '@/lib/realtime/events';
import type { RoomRegistry } from '../collab/room-registry';
import type { Database } from '../db/client';
import type { alternatives, brackets, clauses } from '../db/schema';
import type { DraftEvents } from '../drafts/draft-events';
import type { DraftStore } from '../drafts/draft-store';
import type { ClauseStates } from '../negotiation/clause-states';

export type BracketRow = typeof brackets.$inferSelect;
export type AlternativeRow = typeof alternatives.$inferSelect;
export type ClauseRow = typeof clauses.$inferSelect;

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

export interface AnnotationPublisher {
  publish<E extends keyof AnnotationEvents>(draftId: string, event: E, payload: AnnotationEvents[E]): void;
}

export interface AnnotationServiceOptions {
  db: Database;
  drafts: DraftStore;
  registry: RoomRegistry;
  clauseStates: ClauseStates;
  publisher: AnnotationPublisher;
  /** Told when the open brackets or alternatives of clauses changed (consensus depends on them). */
  draftEvents: DraftEvents;
  logger: Logger;
  /** Called after an alternative was proposed (e.g. to notify delegations holding a position on the clause). */
  onAlternativeProposed?(alternative: AlternativeDto, clause: { id: string; number: number | null; title: string }, actor: Identity): Promise<void> | void;
  /** Called after the secretariat adopted an alternative (the text changed): notifications. */
  onAlternativeAdopted?(event: {
    draftId: string;
    clause: { clauseId: string; number: number | null };
    alternative: AlternativeDto;
    summary: string;
    actor: Identity;
  }): Promise<void>;
}
