'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ClauseSummary, ConfirmedPositionDto, PositionDto } from '@/lib/api/types';
import { compareHref } from '../history/history-api';
import { confirmAllPositions } from './negotiation-api';
import { positionLabel } from './position-cell';

export interface StaleItem {
  clause: ClauseSummary;
  mine: PositionDto | undefined;
}

/**
 * "Confirm all N on the current text": what changed since each position (a link per
 * clause to the comparison from the text it was given on), and one button for all.
 */
export function ConfirmAllBox({
  draftId,
  stale,
  onConfirmed,
}: {
  draftId: string;
  stale: readonly StaleItem[];
  onConfirmed: (confirmed: ConfirmedPositionDto[]) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirmAll() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onConfirmed(await confirmAllPositions(draftId));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The positions could not be confirmed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mine-confirm-all" data-testid="confirm-all">
      <div>
        <p className="mine-confirm-all__lead">What changed since each:</p>
        <ul className="mine-confirm-all__list" role="list">
          {stale.map(({ clause, mine }) => (
            <li key={clause.id} data-clause-number={clause.number}>
              <Link href={compareHref(draftId, `log:${mine?.logId ?? 0}`, 'now', clause.id)} data-testid="confirm-all-compare">
                clause {clause.number}
              </Link>{' '}
              <span className="mine-confirm-all__what">{mine ? positionLabel(mine).toLowerCase() : ''}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button--primary button--small" onClick={() => void confirmAll()} disabled={busy}>
        {busy ? 'Confirming…' : `Confirm all ${stale.length} on the current text`}
      </button>
      {error ? (
        <p className="pform__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What "Confirm all" just did: each confirmed position, with what had changed since it was given. */
export function ConfirmedReport({ draftId, confirmed, onDismiss }: { draftId: string; confirmed: readonly ConfirmedPositionDto[]; onDismiss: () => void }) {
  return (
    <div className="notice notice--ok mine-confirmed" data-testid="confirmed-report">
      <p>
        Confirmed on the current text: {confirmed.length} {confirmed.length === 1 ? 'position' : 'positions'}.{' '}
        <button type="button" className="linkish" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      <ul className="mine-confirm-all__list" role="list">
        {confirmed.map((c) => (
          <li key={c.clauseId} data-clause-number={c.number}>
            Clause {c.number}: {positionLabel(c.position).toLowerCase()} ·{' '}
            <Link href={compareHref(draftId, `log:${c.previousLogId}`, 'now', c.clauseId)}>what had changed</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
