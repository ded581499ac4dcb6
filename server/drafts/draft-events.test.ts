import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createDraftEvents } from './draft-events';

const silent = pino({ level: 'silent' });

describe('draft events', () => {
  it('waits for every listener and survives a failing one', async () => {
    const events = createDraftEvents(silent);
    const seen: string[] = [];
    events.on('clauses:changed', async ({ draftId }) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen.push(`slow ${draftId}`);
    });
    events.on('clauses:changed', () => {
      throw new Error('boom');
    });
    await events.emit('clauses:changed', { draftId: 'd', clauseIds: ['c'], cause: 'annotations' });
    expect(seen).toEqual(['slow d']);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const events = createDraftEvents(silent);
    let calls = 0;
    const off = events.on('clauses:changed', () => void calls++);
    await events.emit('clauses:changed', { draftId: 'd', clauseIds: [], cause: 'text' });
    off();
    await events.emit('clauses:changed', { draftId: 'd', clauseIds: [], cause: 'text' });
    expect(calls).toBe(1);
  });
});
