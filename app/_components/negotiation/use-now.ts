'use client';

import { useSyncExternalStore } from 'react';

/*
 * One clock for every countdown on the page: a single interval, started by the first
 * subscriber and stopped with the last, so a list of twenty countdowns costs one timer.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getSnapshot = () => now;
// On the server (and while hydrating) there is no "now": callers render something time-independent.
const getServerSnapshot = () => null;

/** The current time in milliseconds, updated every second; null during server rendering and hydration. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
