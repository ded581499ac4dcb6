import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDraftEvents } from '../drafts/draft-events';
import { consensusHook, draftTouchHook } from './change-hooks';
import type { ChangeOrigin } from './draft-room';
import { createHookChain } from './hooks';

const silent = pino({ level: 'silent' });
const origin = (clauseIds: string[]): ChangeOrigin => ({ conn: null, userId: 'u', delegation: 'FR', clauseIds });

afterEach(() => vi.useRealTimers());

describe('collab hooks', () => {
  it('runs hooks in order and goes on past one that throws', () => {
    const calls: string[] = [];
    const combined = createHookChain(silent);
    combined.register(
      { onStored: (draftId) => calls.push(`first ${draftId}`) },
      {
        onStored: () => {
          throw new Error('boom');
        },
      },
    );
    combined.register({ onRelayed: (s) => calls.push(`relayed ${s}`) }, { onStored: (draftId, o) => calls.push(`last ${draftId} ${o.clauseIds.join(',')}`) });
    combined.onStored('d', origin(['c1']));
    combined.onRelayed(0.5);
    expect(calls).toEqual(['first d', 'last d c1', 'relayed 0.5']);
  });

  it('coalesces text changes per draft into one clauses:changed event', async () => {
    vi.useFakeTimers();
    const events = createDraftEvents(silent);
    const seen: unknown[] = [];
    events.on('clauses:changed', (e) => void seen.push(e));
    const hook = consensusHook(events, 1000);
    hook.onStored!('d', origin(['c1']));
    hook.onStored!('d', origin(['c2', 'c1']));
    hook.onStored!('e', origin([]));
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual([{ draftId: 'd', clauseIds: ['c1', 'c2'], cause: 'text' }]);
  });

  it('touches a draft at most once per period', async () => {
    vi.useFakeTimers();
    const touched: string[] = [];
    const hook = draftTouchHook({ unsafeTouch: async (id) => void touched.push(id) }, silent, 10_000);
    hook.onStored!('d', origin([]));
    hook.onStored!('d', origin([]));
    vi.advanceTimersByTime(10_001);
    hook.onStored!('d', origin([]));
    expect(touched).toEqual(['d', 'd']);
  });
});
