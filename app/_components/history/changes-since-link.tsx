'use client';

import Link from 'next/link';
import { compareHref } from './history-api';
import { useRevisions } from './use-revisions';

/** "Changes since Rev.N": one click from the draft room to the comparison with the latest revision (live). */
export function ChangesSinceLink({ draftId }: { draftId: string }) {
  const { revisions } = useRevisions(draftId);
  const latest = revisions?.[0];
  if (!latest) return null;
  return (
    <Link href={compareHref(draftId, `rev:${latest.number}`)} className="button button--ghost button--small room-bar__history" data-testid="changes-since">
      Changes since {latest.label}
    </Link>
  );
}
