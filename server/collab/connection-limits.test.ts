import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConnectionLimits, tooManyYjsReason } from './connection-limits';

const config = { yjsPerUser: 2, socketsPerUser: 1, pendingPerAddress: 3, trustedHops: 0 };

describe('ConnectionLimits', () => {
  it('holds at most the bound per person and frees a slot once, however often it is released', () => {
    const limits = new ConnectionLimits(config);
    const first = limits.reserveYjs('u1');
    const second = limits.reserveYjs('u1');
    expect(first && second).toBeTruthy();
    expect(limits.reserveYjs('u1')).toBeNull();
    expect(limits.reserveYjs('u2')).not.toBeNull();
    first!();
    first!();
    expect(limits.yjsOf('u1')).toBe(1);
    expect(limits.reserveYjs('u1')).not.toBeNull();
    expect(limits.reserveYjs('u1')).toBeNull();
  });

  it('counts sockets apart from Yjs connections', () => {
    const limits = new ConnectionLimits(config);
    expect(limits.reserveSocket('u1')).not.toBeNull();
    expect(limits.reserveSocket('u1')).toBeNull();
    expect(limits.reserveYjs('u1')).not.toBeNull();
  });

  it('bounds pending upgrades per address until they are released', () => {
    const limits = new ConnectionLimits(config);
    const held = [limits.beginPending('10.0.0.1'), limits.beginPending('10.0.0.1'), limits.beginPending('10.0.0.1')];
    expect(held.every(Boolean)).toBe(true);
    expect(limits.beginPending('10.0.0.1')).toBeNull();
    expect(limits.beginPending('10.0.0.2')).not.toBeNull();
    held[0]!();
    expect(limits.beginPending('10.0.0.1')).not.toBeNull();
  });

  it('takes the address the trusted proxy appended to X-Forwarded-For, never one the client wrote', () => {
    const req = { headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' }, socket: { remoteAddress: '10.0.0.1' } } as unknown as IncomingMessage;
    expect(new ConnectionLimits(config).addressOf(req)).toBe('10.0.0.1');
    expect(new ConnectionLimits({ ...config, trustedHops: 1 }).addressOf(req)).toBe('203.0.113.9');
  });

  it('gives a close reason that fits a websocket close frame', () => {
    expect(Buffer.byteLength(tooManyYjsReason(1_000_000))).toBeLessThanOrEqual(123);
  });
});
