'use client';

import { useEffect, useRef, useState } from 'react';
import { announce, matrixChanges, mergeChanges, type MatrixChange } from './matrix-changes';
import type { NegotiationData } from './negotiation-state';

/** Changes this close together are one announcement… */
const QUIET_MS = 1_000;
/** …unless they keep coming: a batch is read out at the latest this long after its first change. */
const MAX_WAIT_MS = 4_000;

/**
 * The sentence for the dashboard's polite live region: the matrix's changes since the last
 * announcement, gathered until they stop for a second (at most four), then said once.
 * The first state (the page's own load) is not announced.
 */
export function useMatrixAnnouncer(data: NegotiationData | null, clauseNumbers: ReadonlyMap<string, number>): string {
  const [message, setMessage] = useState('');
  const previous = useRef<NegotiationData | null>(null);
  const pending = useRef<MatrixChange[]>([]);
  const quiet = useRef<ReturnType<typeof setTimeout> | null>(null);
  const deadline = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = data;
    if (!before || !data || before === data) return;
    const changes = matrixChanges(before, data, clauseNumbers);
    if (changes.length === 0) return;
    pending.current = mergeChanges(pending.current, changes);
    const flush = () => {
      if (quiet.current) clearTimeout(quiet.current);
      if (deadline.current) clearTimeout(deadline.current);
      quiet.current = deadline.current = null;
      setMessage(announce(pending.current));
      pending.current = [];
    };
    if (quiet.current) clearTimeout(quiet.current);
    quiet.current = setTimeout(flush, QUIET_MS);
    deadline.current ??= setTimeout(flush, MAX_WAIT_MS);
  }, [data, clauseNumbers]);

  useEffect(
    () => () => {
      if (quiet.current) clearTimeout(quiet.current);
      if (deadline.current) clearTimeout(deadline.current);
    },
    [],
  );

  return message;
}
