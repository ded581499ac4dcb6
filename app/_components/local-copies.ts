'use client';

/**
 * This browser's own copies of drafts (y-indexeddb, see use-collab.ts) and the count of
 * changes in them that the server has not confirmed. Both are named per draft and per
 * person, under one prefix, so that signing out can remove every one of them: a
 * confidential text must not stay on a shared or lost computer after its user left.
 */

const PREFIX = 'accord:';
const PENDING_PREFIX = `${PREFIX}pending:`;

/** The IndexedDB database that holds one person's copy of one draft. */
export function localCopyName(draftId: string, userId: string): string {
  return `${PREFIX}${draftId}:${userId}`;
}

/** The localStorage key of the number of changes of that copy still waiting for the server. */
export function pendingKey(draftId: string, userId: string): string {
  return `${PENDING_PREFIX}${draftId}:${userId}`;
}

export function readPending(key: string): number {
  try {
    const n = Number(window.localStorage.getItem(key) ?? '0');
    return Number.isInteger(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

export function writePending(key: string, n: number): void {
  try {
    if (n > 0) window.localStorage.setItem(key, String(n));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the count is only shown, the edits themselves are in IndexedDB.
  }
}

function pendingKeys(): string[] {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(PENDING_PREFIX)) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}

/** Changes, in every draft of this browser, that have not reached the server yet. */
export function waitingChanges(): number {
  return pendingKeys().reduce((sum, key) => sum + readPending(key), 0);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = window.indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still has it open: it is deleted once that tab lets go of it.
    request.onblocked = () => resolve();
  });
}

/** Remove every local draft copy and waiting count of this browser (at sign-out). */
export async function clearLocalCopies(): Promise<void> {
  for (const key of pendingKeys()) writePending(key, 0);
  if (typeof window.indexedDB?.databases !== 'function') return;
  try {
    const databases = await window.indexedDB.databases();
    await Promise.all(databases.flatMap((db) => (db.name?.startsWith(PREFIX) ? [deleteDatabase(db.name)] : [])));
  } catch {
    // Listing failed (private mode, storage disabled): nothing was stored either.
  }
}
