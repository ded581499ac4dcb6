import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { hideMetrics, isLoopbackAddress } from './metrics-access';

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as http.IncomingMessage;

describe('metrics access', () => {
  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', '', undefined]) expect(isLoopbackAddress(a)).toBe(false);
  });

  it('hides /metrics in production without a token from anyone not directly local', () => {
    const production = { production: true };
    expect(hideMetrics(request('192.0.2.2'), '/metrics', production)).toBe(true);
    expect(hideMetrics(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), '/metrics', production)).toBe(true);
    expect(hideMetrics(request('127.0.0.1'), '/metrics', production)).toBe(false);
    expect(hideMetrics(request('192.0.2.2'), '/api/health', production)).toBe(false);
    // With a token the route checks it; in development nothing is hidden.
    expect(hideMetrics(request('192.0.2.2'), '/metrics', { production: true, token: 'x'.repeat(16) })).toBe(false);
    expect(hideMetrics(request('192.0.2.2'), '/metrics', { production: false })).toBe(false);
  });
});
