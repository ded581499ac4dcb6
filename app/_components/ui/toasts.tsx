'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SilenceProcedureDto } from '@/lib/api/types';
import { clauseList, formatDeadlineUtc } from './format';

export type ToastTone = 'info' | 'ok' | 'warn';

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  /** What the toast is about, for tests and styling: `silence-started`, `silence-broken`, … */
  kind: string;
  /** A newer notice with the same key replaces the older one (e.g. a procedure's end replaces its start). */
  key?: string;
}

/** How long a notice stays before it goes by itself. */
const TOAST_MS = 12_000;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const push = useCallback(
    (tone: ToastTone, kind: string, text: string, key?: string) => {
      const id = ++seq.current;
      // Keep the stack short: the oldest goes when a fourth arrives; a notice replaces an older one about the same thing.
      setToasts((list) => [...list.filter((t) => !key || t.key !== key).slice(-2), { id, tone, kind, text, key }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((timer) => clearTimeout(timer));
  }, []);

  return { toasts, push, dismiss };
}

/** Short notices in the corner; they never take focus nor block anything. */
export function ToastStack({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  const tc = useTranslations('common');
  return (
    <div className="toasts" role="status" aria-live="polite" aria-atomic="false">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} data-testid="toast" data-kind={t.kind}>
          <p className="toast__text">{t.text}</p>
          <button type="button" className="toast__close" onClick={() => onDismiss(t.id)} aria-label={tc('dismiss')}>
            <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
              <path d="M2.5 2.5l7 7m0-7-7 7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      ))}
    </div>
  );
}

/**
 * Turns changes of silence procedures into notices: started, broken (by whom, why),
 * agreed at the deadline, cancelled. Procedures already known when the room opens are
 * not announced; only what happens while it is open.
 */
export function useSilenceNotices(
  procedures: readonly SilenceProcedureDto[] | undefined,
  clauseNumber: (clauseId: string) => number | undefined,
  push: (tone: ToastTone, kind: string, text: string, key?: string) => void,
): void {
  const known = useRef<Map<string, SilenceProcedureDto['state']> | null>(null);
  const numberRef = useRef(clauseNumber);
  numberRef.current = clauseNumber;

  useEffect(() => {
    if (!procedures) return;
    const previous = known.current;
    known.current = new Map(procedures.map((p) => [p.id, p.state]));
    if (!previous) return;
    for (const p of procedures) {
      const before = previous.get(p.id);
      if (before === p.state) continue;
      const numbers = p.clauseIds.map((id) => numberRef.current(id)).filter((n): n is number => n !== undefined);
      const which = clauseList(numbers);
      const What = which.charAt(0).toUpperCase() + which.slice(1);
      if (before === undefined && p.state === 'running') {
        push('info', 'silence-started', `${What} ${numbers.length === 1 ? 'is' : 'are'} under silence until ${formatDeadlineUtc(new Date(p.deadline))}.`, p.id);
      } else if (p.state === 'broken') {
        push('warn', 'silence-broken', `Silence broken by ${p.brokenBy ?? 'a delegation'} on ${which}${p.reason ? `: ${p.reason}` : '.'}`, p.id);
      } else if (p.state === 'completed') {
        push('ok', 'silence-completed', `${What} agreed under silence procedure.`, p.id);
      } else if (p.state === 'interrupted') {
        push('warn', 'silence-interrupted', `Silence on ${which} ended without agreement${p.reason ? `: ${p.reason}` : '.'}`, p.id);
      } else if (p.state === 'cancelled') {
        push('info', 'silence-cancelled', `Silence procedure on ${which} cancelled by the secretariat${p.reason ? `: ${p.reason}` : '.'}`, p.id);
      }
    }
  }, [procedures, push]);
}
