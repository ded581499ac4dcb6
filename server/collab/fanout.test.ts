import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeFanout, encodeFanout, parseControl } from './fanout';

describe('fan-out frames', () => {
  it('round-trips kind, instance and payload', () => {
    const instance = crypto.randomBytes(16);
    const frame = encodeFanout(instance, { kind: 'awareness', payload: Uint8Array.from([1, 2, 3]) });
    const decoded = decodeFanout(frame)!;
    expect(decoded.instance.equals(instance)).toBe(true);
    expect(decoded.message.kind).toBe('awareness');
    expect([...decoded.message.payload]).toEqual([1, 2, 3]);
  });

  it('carries an update with its log id, and one without', () => {
    const instance = crypto.randomBytes(16);
    const withId = decodeFanout(encodeFanout(instance, { kind: 'update', payload: Uint8Array.from([7, 8]), logId: 2 ** 40 + 5 }))!;
    expect(withId.message).toEqual({ kind: 'update', payload: Uint8Array.from([7, 8]), logId: 2 ** 40 + 5 });
    expect(withId.instance.equals(instance)).toBe(true);
    const withoutId = decodeFanout(encodeFanout(instance, { kind: 'update', payload: Uint8Array.from([7, 8]) }))!;
    expect(withoutId.message).toEqual({ kind: 'update', payload: Uint8Array.from([7, 8]) });
    // A frame with an id but cut short is refused.
    expect(decodeFanout(Buffer.concat([Buffer.from([3]), instance, Buffer.from([0, 0, 1])]))).toBeNull();
  });

  it('rejects truncated frames and unknown kinds', () => {
    expect(decodeFanout(Buffer.from([0, 1, 2]))).toBeNull();
    expect(decodeFanout(Buffer.concat([Buffer.from([9]), crypto.randomBytes(16)]))).toBeNull();
  });
});

describe('control messages between instances', () => {
  it('accepts re-authorise and silence-scheduled messages, and nothing malformed', () => {
    expect(parseControl({ type: 'reauthorise', userId: 'u1' })).toEqual({ type: 'reauthorise', userId: 'u1' });
    expect(parseControl({ type: 'silence-scheduled', deadline: '2026-12-01T12:00:00.000Z' })).toEqual({
      type: 'silence-scheduled',
      deadline: '2026-12-01T12:00:00.000Z',
    });
    expect(parseControl({ type: 'silence-scheduled', deadline: 'soon' })).toBeNull();
    expect(parseControl({ type: 'reauthorise' })).toBeNull();
    expect(parseControl({ type: 'other' })).toBeNull();
    expect(parseControl(null)).toBeNull();
  });
});
