/**
 * Every clause's current text as static nodes (lib/collab/static-text.ts), for the room
 * to paint read-only before its editors exist. Read from the draft's live document (the
 * room is loaded on demand and released afterwards, like every other reader of it), for
 * someone the draft is shared with (not_found otherwise, as for the draft itself).
 */
import type { Identity } from '@/lib/domain/identity';
import { clauseField } from '@/lib/collab/clause-field';
import { staticClauseNodes, type StaticNode } from '@/lib/collab/static-text';
import type { RoomRegistry } from '../collab/room-registry';
import type { DraftStore } from './draft-store';

export interface StaticTextService {
  /** Clause id → its text's nodes, for every clause of the draft. */
  read(identity: Identity, draftId: string): Promise<Record<string, StaticNode[]>>;
}

export function createStaticTextService(deps: { drafts: DraftStore; registry: RoomRegistry }): StaticTextService {
  return {
    async read(identity, draftId) {
      const detail = await deps.drafts.getForUser(identity, draftId);
      const room = await deps.registry.acquire(draftId);
      try {
        const out: Record<string, StaticNode[]> = {};
        for (const clause of detail.clauses) out[clause.id] = staticClauseNodes(room.doc.getXmlFragment(clauseField(clause.id)));
        return out;
      } finally {
        deps.registry.release(room);
      }
    },
  };
}
