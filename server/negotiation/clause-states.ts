/**
 * The current text state of each clause (hash and open brackets), read from the
 * draft's live Y.Doc. Cached per loaded room and invalidated for exactly the clauses
 * an update touched, so that consensus queries do not re-read unchanged text.
 */
import crypto from 'node:crypto';
import { countBrackets } from '@/lib/consensus/count-brackets';
import { countOpenDisputes } from '@/lib/consensus/count-open-disputes';
import { clauseText } from '@/lib/collab/clause-text';
import { clauseField } from '@/lib/collab/clause-field';
import { indexFragment, resolveSpan, type SpanAnchor } from '@/lib/collab/text-anchor';
import type { DraftRoom } from '../collab/draft-room';
import { nextTurn } from '../util/event-loop';
import type { RoomRegistry } from '../collab/room-registry';

export interface ClauseTextState {
  text: string;
  hash: string;
  /** Brackets and ALT markers typed in the text. */
  openBrackets: number;
  /** Open recorded brackets still on the text and not inside typed ones (see count-open-disputes.ts). */
  recordedBrackets?: number;
  /** Open alternative wordings whose words are still there. */
  openAlternatives?: number;
}

/** Open recorded brackets and alternatives of clauses (server/brackets). */
export interface OpenAnchorsSource {
  unsafeOpenAnchors(
    draftId: string,
    clauseIds: readonly string[],
    options?: { gentle?: boolean },
  ): Promise<Map<string, { brackets: SpanAnchor[]; alternatives: Array<SpanAnchor | null> }>>;
}

export function hashClauseText(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 20);
}

export class ClauseStates {
  private readonly cache = new WeakMap<DraftRoom, Map<string, ClauseTextState>>();

  private annotations: OpenAnchorsSource | null = null;

  constructor(private readonly registry: RoomRegistry) {}

  /** Count recorded brackets and open alternatives too (they are rows, read fresh on every call: never stale across instances). */
  useAnnotations(source: OpenAnchorsSource): void {
    this.annotations = source;
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
          state = { text, hash: hashClauseText(text), openBrackets: countBrackets(text).open };
          cached.set(id, state);
        }
        out.set(id, state);
      }
      if (this.annotations) {
        if (gentle) await nextTurn();
        const open = await this.annotations.unsafeOpenAnchors(draftId, clauseIds, { gentle });
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

  /** Forget cached states of clauses whose text just changed. */
  invalidate(draftId: string, clauseIds: readonly string[]): void {
    const room = this.registry.peek(draftId);
    const cached = room && this.cache.get(room);
    if (!cached) return;
    for (const id of clauseIds) cached.delete(id);
  }
}
