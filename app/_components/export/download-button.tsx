'use client';

import { useState } from 'react';
import { downloadExport } from './download-export';

interface DownloadButtonProps {
  /** The export endpoint to fetch. */
  url: string;
  label: string;
  /** What the button says while the server prepares the file, e.g. "Preparing PDF…". */
  busyLabel: string;
  /** Used when the server names no file. */
  fallbackName: string;
  testId?: string;
}

/**
 * One export as a button (a revision as DOCX or PDF, a comparison as DOCX): busy while
 * the file is prepared, the server's own words when it refuses.
 */
export function DownloadButton({ url, label, busyLabel, fallbackName, testId }: DownloadButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(`Downloaded ${await downloadExport(url, fallbackName)}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The export failed. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="export-control export-control--inline" data-testid={testId}>
      <button
        type="button"
        className="button button--secondary button--small export-control__button"
        onClick={() => void download()}
        disabled={busy}
        aria-busy={busy || undefined}
      >
        {busy ? (
          <>
            <span className="export-control__spinner" aria-hidden="true" />
            {busyLabel}
          </>
        ) : (
          label
        )}
      </button>
      <span className="visually-hidden" role="status">
        {busy ? busyLabel : done}
      </span>
      {error ? (
        <span className="form-error export-control__error" role="alert" data-testid="export-error">
          <span>
            <strong>Export failed.</strong> {error}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => setError(null)}>
            Dismiss
          </button>
        </span>
      ) : null}
    </span>
  );
}
