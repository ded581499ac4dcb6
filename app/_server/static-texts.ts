/**
 * The clause texts the room paints before its editors exist (server-rendered). Null
 * when they cannot be read (not signed in, no access: the page itself answers that), so
 * the room falls back to loading the text live.
 */
import type { StaticNode } from '@/lib/collab/static-nodes';
import { getServices } from '@/server/services-registry';
import { currentIdentity } from './current-identity';

export async function readStaticTexts(draftId: string): Promise<Record<string, StaticNode[]> | null> {
  const identity = await currentIdentity();
  if (!identity) return null;
  try {
    return await getServices().staticText.read(identity, draftId);
  } catch (err) {
    getServices().logger.warn({ err, draftId }, 'could not read the clause texts for the first paint');
    return null;
  }
}
