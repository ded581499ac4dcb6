'use client';

import { useLocale } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { formatInstant, formatInstantUtc, type InstantStyle } from './format';

const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const serverZone = () => 'UTC';

/**
 * The browser's time zone. The server does not know it: the first render (server and
 * hydration) is in UTC, then React re-renders in the browser's zone.
 */
export function useTimeZone(): string {
  return useSyncExternalStore(noSubscription, browserZone, serverZone);
}

/**
 * An instant as every screen shows it: in the person's language and time zone, with
 * the same instant in UTC on hover (the title). Where the zone is UTC anyway (first
 * render, or a browser set to UTC), the text says "UTC" itself.
 */
export function DateTime({ iso, style = 'dateTime', className }: { iso: string; style?: InstantStyle; className?: string }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const text = formatInstant(iso, { locale, timeZone, style });
  return (
    <time dateTime={iso} title={formatInstantUtc(iso, locale)} className={className} data-testid="date-time">
      {timeZone === 'UTC' || timeZone === 'Etc/UTC' ? `${text} UTC` : text}
    </time>
  );
}
