/**
 * The current text state of each clause (hash and open brackets), read from the
 * draft's live Y.Doc. Cached per loaded room and invalidated for exactly the clauses
 * an update touched, so that consensus queries do not re-read unchanged text.
 */
import crypto from 'node:crypto';
import { countBrackets } from '@/lib/consensus/count-brackets';
import { clauseText } from '@/lib/collab/clause-text';
import type { DraftRoom } from '../collab/draft-room';
import type { RoomRegistry } from '../collab/room-registry';

export interface ClauseTextState {
  text: string;
  hash: string;
  openBrackets: number;
}

export function hashClauseText(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 20);
}

export class ClauseStates {
  private readonly cache = new WeakMap<DraftRoom, Map<string, ClauseTextState>>();

  constructor(private readonly registry: RoomRegistry) {}

  /** Text states of the given clauses of a draft (loading the draft if needed). */
  async get(draftId: string, clauseIds: readonly string[]): Promise<Map<string, ClauseTextState>> {
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
          const text = clauseText(room.doc, id);
          state = { text, hash: hashClauseText(text), openBrackets: countBrackets(text).open };
          cached.set(id, state);
        }
        out.set(id, state);
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
