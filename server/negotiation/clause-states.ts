/**
 * The current text state of each clause (hash and open brackets), read from the
 * draft's live Y.Doc. Cached per loaded room and invalidated for exactly the clauses
 * an update touched, so that consensus queries do not re-read unchanged text.
 */
import crypto from 'node:crypto';
import { countBrackets } from '@/lib/consensus/count-brackets';
import { countOpenDisputes } from '@/lib/consensus/count-open-disputes';
import { positionWords } from '@/lib/consensus/position-text';
import { clauseText } from '@/lib/collab/clause-text';
import { clauseField } from '@/lib/collab/clause-field';
import { indexFragment, resolveSpan, type SpanAnchor } from '@/lib/collab/text-anchor';
import type { DraftRoom } from '../collab/draft-room';
import { nextTurn } from '../util/event-loop';
import type { RoomRegistry } from '../collab/room-registry';

export interface ClauseTextState {
  text: string;
  hash: string;
  /** The hash of positions stored before the words rule (see legacyHashClauseText). */
  legacyHash?: string;
  /** Brackets and ALT markers typed in the text. */
  openBrackets: number;
  /** Open recorded brackets still on the text and not inside typed ones (see count-open-disputes.ts). */
  recordedBrackets?: number;
  /** Open alternative wordings whose words are still there. */
  openAlternatives?: number;
}

/**
 * Reads the open recorded brackets and alternatives of clauses (server/brackets/open-anchors.ts).
 * Rows, read fresh on every call: never stale across instances.
 */
export type OpenAnchorsReader = (
  draftId: string,
  clauseIds: readonly string[],
  options?: { gentle?: boolean },
) => Promise<Map<string, { brackets: SpanAnchor[]; alternatives: Array<SpanAnchor | null> }>>;

/**
 * The hash a position records of the clause text it was given on: of its words only
 * (lib/consensus/position-text.ts), so that whitespace, punctuation and formatting
 * changes leave positions current. Prefixed `w:` to tell it from legacy hashes.
 */
export function hashClauseText(text: string): string {
  return `w:${crypto.createHash('sha256').update(positionWords(text)).digest('hex').slice(0, 20)}`;
}

/**
 * The hash positions stored before the words rule (whitespace-normalised text). A stored
 * legacy hash equal to the current text's legacy hash still counts as current.
 */
export function legacyHashClauseText(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 20);
}

/** Whether a position recorded with `storedHash` was given on the clause's current words. */
export function isCurrentHash(storedHash: string, state: { hash: string; legacyHash?: string }): boolean {
  return storedHash === state.hash || (state.legacyHash !== undefined && storedHash === state.legacyHash);
}

export class ClauseStates {
  private readonly cache = new WeakMap<DraftRoom, Map<string, ClauseTextState>>();

  /** With `openAnchors`, recorded brackets and open alternatives are counted too. */
  constructor(
    private readonly registry: RoomRegistry,
    private readonly openAnchors?: OpenAnchorsReader,
  ) {
    // Every change of clause text forgets its cached state: local edits, and also those of
    // other instances (fan-out and catch-up), which are never stored here.
    registry.onClauseTextChanged((draftId, clauseIds) => this.invalidate(draftId, clauseIds));
  }

  /** Text states of the given clauses of a draft (loading the draft if needed). */
  async get(draftId: string, clauseIds: readonly string[], { gentle = false } = {}): Promise<Map<string, ClauseTextState>> {
    const room = await this.registry.acquire(draftId);
    try {
      let cached = this.cache.get(room);
      if (!cached) {
        cached = new Map();
        this.cache.set(room, cached);
      }
      const out = new Map<string, ClauseTextState>();
      for (const id of clauseIds) {
        let state = cached.get(id);
        if (!state) {
          // A long clause takes a while to read: other work gets a turn between clauses.
          if (gentle && out.size > 0) await nextTurn();
          const text = clauseText(room.doc, id);
          state = { text, hash: hashClauseText(text), legacyHash: legacyHashClauseText(text), openBrackets: countBrackets(text).open };
          cached.set(id, state);
        }
        out.set(id, state);
      }
      if (this.openAnchors) {
        if (gentle) await nextTurn();
        const open = await this.openAnchors(draftId, clauseIds, { gentle });
        for (const [id, anchors] of open) {
          const state = out.get(id);
          if (!state) continue;
          if (gentle) await nextTurn();
          const index = indexFragment(room.doc.getXmlFragment(clauseField(id)));
          const spans = anchors.brackets.flatMap((a) => resolveSpan(room.doc, id, a, index) ?? []);
          const alternatives = anchors.alternatives.filter((a) => a === null || resolveSpan(room.doc, id, a, index) !== null).length;
          const count = countOpenDisputes(index.text, spans, alternatives);
          out.set(id, { ...state, recordedBrackets: count.recorded, openAlternatives: count.alternatives });
        }
      }
      return out;
    } finally {
      this.registry.release(room);
    }
  }

  /**
   * Before a decision that must see every stored edit (agreeing, silence): apply what other
   * instances stored and this one has not received yet (see RoomRegistry.catchUp).
   */
  async catchUp(draftId: string): Promise<void> {
    await this.registry.catchUp(draftId);
  }

  /** Forget cached states of clauses whose text just changed. */
  invalidate(draftId: string, clauseIds: readonly string[]): void {
    const room = this.registry.peek(draftId);
    const cached = room && this.cache.get(room);
    if (!cached) return;
    for (const id of clauseIds) cached.delete(id);
  }
}
