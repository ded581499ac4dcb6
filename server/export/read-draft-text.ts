/**
 * The current text of a draft's clauses, read from its live Y.Doc (loaded on demand and
 * released afterwards, like every other reader of the room), as paragraphs per clause
 * with the open recorded brackets drawn in and the open alternatives listed.
 */
import type { RoomRegistry } from '../collab/room-registry';
import { disputedClauses, type DisputeRows, type DisputedClause } from './disputes';

export async function readDraftDisputedText(
  registry: RoomRegistry,
  draftId: string,
  clauseIds: readonly string[],
  rows: DisputeRows,
): Promise<Map<string, DisputedClause>> {
  const room = await registry.acquire(draftId);
  try {
    return disputedClauses(room.doc, clauseIds, rows);
  } finally {
    registry.release(room);
  }
}
