/**
 * The current text of a draft's clauses, read from its live Y.Doc (loaded on demand and
 * released afterwards, like every other reader of the room), as paragraphs per clause.
 */
import { clauseParagraphs } from '@/lib/collab/clause-paragraphs';
import type { RoomRegistry } from '../collab/room-registry';

export async function readDraftParagraphs(registry: RoomRegistry, draftId: string, clauseIds: readonly string[]): Promise<Map<string, string[]>> {
  const room = await registry.acquire(draftId);
  try {
    return new Map(clauseIds.map((id) => [id, clauseParagraphs(room.doc, id)]));
  } finally {
    registry.release(room);
  }
}
