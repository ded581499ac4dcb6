/**
 * Brackets and alternative wordings on clause text: server-authoritative rows anchored
 * to the Yjs document with relative positions, validated, authorised and audited here,
 * then pushed live. Adopting an alternative changes the text itself, as an attributed
 * edit through the draft's live room, so every connected client receives it at once.
 *
 * This is the facade the routes and the composition root use; each use case lives in its
 * own file (record-bracket, propose-alternative, backings, withdraw-alternative,
 * adopt-alternative, list-annotations) over one shared context.
 */
import type { Identity } from '@/lib/domain/identity';
import { adoptAlternative } from './adopt-alternative';
import { createAnnotationContext } from './annotation-context';
import type { AlternativeInput, AnnotationServiceOptions, BracketInput } from './annotation-types';
import { setBacking } from './backings';
import { listAlternatives, listBrackets } from './list-annotations';
import { proposeAlternative } from './propose-alternative';
import { addBracket, removeBracket } from './record-bracket';
import { withdrawAlternative } from './withdraw-alternative';

export type { AlternativeInput, AnnotationPublisher, AnnotationServiceOptions, BracketInput, SpanInput } from './annotation-types';

export function createAnnotationService(options: AnnotationServiceOptions) {
  const ctx = createAnnotationContext(options);
  return {
    /** Every bracket of a draft (open and closed, oldest first), with where each is in the text now. */
    listBrackets: (identity: Identity, draftId: string, clauseId?: string) => listBrackets(ctx, identity, draftId, clauseId),
    addBracket: (identity: Identity, draftId: string, clauseId: string, input: BracketInput) => addBracket(ctx, identity, draftId, clauseId, input),
    removeBracket: (identity: Identity, draftId: string, bracketId: string) => removeBracket(ctx, identity, draftId, bracketId),
    /** Every alternative of a draft (all states, by clause and number), with backers. */
    listAlternatives: (identity: Identity, draftId: string, clauseId?: string) => listAlternatives(ctx, identity, draftId, clauseId),
    proposeAlternative: (identity: Identity, draftId: string, clauseId: string, input: AlternativeInput) =>
      proposeAlternative(ctx, identity, draftId, clauseId, input),
    /** Back (or stop backing) an open alternative for the caller's delegation; returns the group's open alternatives. */
    setBacking: (identity: Identity, draftId: string, alternativeId: string, backed: boolean) => setBacking(ctx, identity, draftId, alternativeId, backed),
    withdrawAlternative: (identity: Identity, draftId: string, alternativeId: string) => withdrawAlternative(ctx, identity, draftId, alternativeId),
    /** The secretariat adopts an alternative: its wording replaces the words in the live text for everyone. */
    adoptAlternative: (identity: Identity, draftId: string, alternativeId: string, input: { note?: string }) =>
      adoptAlternative(ctx, identity, draftId, alternativeId, input),
  };
}

export type AnnotationService = ReturnType<typeof createAnnotationService>;
