'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { RevisionDto } from '@/lib/history/types';
import { compareHref, listRevisions } from './history-api';

/** "Changes since Rev.N": one click from the draft room to the comparison with the latest revision. */
export function ChangesSinceLink({ draftId }: { draftId: string }) {
  const [latest, setLatest] = useState<RevisionDto | null>(null);
  useEffect(() => {
    let cancelled = false;
    listRevisions(draftId).then(
      (list) => !cancelled && setLatest(list[0] ?? null),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [draftId]);
  if (!latest) return null;
  return (
    <Link href={compareHref(draftId, `rev:${latest.number}`)} className="button button--ghost button--small room-bar__history" data-testid="changes-since">
      Changes since {latest.label}
    </Link>
  );
}
