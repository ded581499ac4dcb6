'use client';

import { useCallback, useRef, useState, type FormEvent } from 'react';

export interface Submit {
  /** True while the action runs: the dialog disables its buttons and refuses to close. */
  busy: boolean;
  /** The message to show under the form, or null. */
  error: string | null;
  /** Shows a problem found before sending (a missing field), without running the action. */
  setError: (message: string | null) => void;
  /** Runs the action once at a time; as a form's onSubmit it also prevents the page reload. */
  submit: (event?: FormEvent) => Promise<void>;
}

/**
 * The busy / error / submit logic every dialog and small form had its own copy of: the
 * action runs once at a time, its error message (or `fallback`) is shown, and `onDone`
 * runs with its result. A `check` can stop it with a message before anything is sent.
 */
export function useSubmit<T>(
  action: () => Promise<T>,
  { fallback, onDone, check }: { fallback: string; onDone?: (result: T) => void; check?: () => string | null },
): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  // The latest callbacks, so that `submit` stays one function for the dialog's life.
  const latest = useRef({ action, onDone, check, fallback });
  latest.current = { action, onDone, check, fallback };

  const submit = useCallback(async (event?: FormEvent) => {
    event?.preventDefault();
    if (running.current) return;
    const problem = latest.current.check?.() ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const result = await latest.current.action();
      running.current = false;
      setBusy(false);
      latest.current.onDone?.(result);
    } catch (err) {
      running.current = false;
      setBusy(false);
      setError(err instanceof Error && err.message ? err.message : latest.current.fallback);
    }
  }, []);

  return { busy, error, setError, submit };
}
