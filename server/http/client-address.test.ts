import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const request = (forwardedFor: string | string[] | undefined, peer: string | null = '10.0.0.2') =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer ?? undefined } }) as unknown as Pick<
    IncomingMessage,
    'headers' | 'socket'
  >;

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('6.6.6.6'), { trustedHops: 0 })).toBe('10.0.0.2');
    expect(clientAddress(request(undefined, '::ffff:192.0.2.7'), { trustedHops: 0 })).toBe('192.0.2.7');
    expect(clientAddress(request(undefined, null), { trustedHops: 0 })).toBe('unknown');
  });

  it('behind one proxy, is the entry that proxy appended (the right-most), not the forgeable left-most', () => {
    expect(clientAddress(request('203.0.113.9'), { trustedHops: 1 })).toBe('203.0.113.9');
    expect(clientAddress(request('6.6.6.6, 203.0.113.9'), { trustedHops: 1 })).toBe('203.0.113.9');
    expect(clientAddress(request('1.1.1.1,2.2.2.2 ,  203.0.113.9'), { trustedHops: 1 })).toBe('203.0.113.9');
  });

  it('behind N proxies, is the entry N places from the right', () => {
    // client forged 6.6.6.6; the load balancer appended the client, nginx appended the load balancer.
    expect(clientAddress(request('6.6.6.6, 203.0.113.9, 10.0.0.1'), { trustedHops: 2 })).toBe('203.0.113.9');
    // Fewer entries than hops: the left-most is the best known.
    expect(clientAddress(request('203.0.113.9'), { trustedHops: 2 })).toBe('203.0.113.9');
  });

  it('reads repeated headers as one list, and falls back to the peer without any entry', () => {
    expect(clientAddress(request(['6.6.6.6', '203.0.113.9']), { trustedHops: 1 })).toBe('203.0.113.9');
    expect(clientAddress(request(' , '), { trustedHops: 1 })).toBe('10.0.0.2');
    expect(clientAddress(request(''), { trustedHops: 1 })).toBe('10.0.0.2');
  });

  it('spells one address one way', () => {
    expect(clientAddress(request('::FFFF:203.0.113.9'), { trustedHops: 1 })).toBe('203.0.113.9');
    expect(clientAddress(request('2001:DB8::1'), { trustedHops: 1 })).toBe('2001:db8::1');
  });
});
