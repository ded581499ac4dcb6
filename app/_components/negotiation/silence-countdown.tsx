'use client';

import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { useNow } from './use-now';

const pad = (n: number) => String(n).padStart(2, '0');

/** "ends in 2 d 03 h", "ends in 1 h 04 min", "ends in 4 min 07 s", "ends in 42 s", or "deadline passed". */
export function formatCountdown(msLeft: number): string {
  if (msLeft <= 0) return 'deadline passed';
  const total = Math.ceil(msLeft / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `ends in ${days} d ${pad(hours)} h`;
  if (hours > 0) return `ends in ${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `ends in ${minutes} min ${pad(seconds)} s`;
  return `ends in ${seconds} s`;
}

function urgency(msLeft: number): 'passed' | 'imminent' | 'soon' | 'later' {
  if (msLeft <= 0) return 'passed';
  if (msLeft < 5 * 60_000) return 'imminent';
  if (msLeft < 60 * 60_000) return 'soon';
  return 'later';
}

/**
 * A live countdown to a silence deadline, updated every second. Before hydration it
 * shows the deadline itself, so the server-rendered HTML never disagrees with the
 * browser's clock.
 */
export function SilenceCountdown({ deadline }: { deadline: string }) {
  const now = useNow();
  const at = new Date(deadline).getTime();
  const left = now === null ? null : at - now;
  return (
    <span
      className={`countdown countdown--${left === null ? 'later' : urgency(left)}`}
      data-testid="silence-countdown"
      data-deadline={deadline}
      role="timer"
      title={`Deadline ${formatDateTimeUtc(deadline)}`}
    >
      {left === null ? `ends ${formatDateTimeUtc(deadline)}` : formatCountdown(left)}
    </span>
  );
}
