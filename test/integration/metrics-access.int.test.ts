/**
 * /metrics without METRICS_TOKEN in production answers only direct local requests:
 * anyone else (another address, or a request a proxy forwarded) gets 404.
 */
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

const servers: RunningServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});

/** An address of this machine other than loopback (the server listens on all of them). */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

describe('/metrics in production', () => {
  it('without a token: served to direct local requests, 404 to anyone else', async () => {
    const server = await startServer();
    servers.push(server);
    const local = await fetch(`${server.url}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('accord_');

    const forwarded = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forwarded.status).toBe(404);
    expect(await forwarded.text()).not.toContain('accord_');

    if (outsideAddress) {
      const remote = await fetch(`http://${outsideAddress}:${server.port}/metrics`);
      expect(remote.status).toBe(404);
      expect(await remote.text()).not.toContain('accord_');
      // The server itself is reachable there: only /metrics is hidden.
      expect((await fetch(`http://${outsideAddress}:${server.port}/api/health`)).status).toBe(200);
    } else {
      console.warn('[metrics-access] no non-loopback IPv4 address on this machine: only the forwarded case was checked');
    }
  });

  it('with a token: served to any address that sends it', async () => {
    const token = 'metrics-token-0123456789';
    const server = await startServer({ env: { METRICS_TOKEN: token } });
    servers.push(server);
    const base = outsideAddress ? `http://${outsideAddress}:${server.port}` : server.url;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('accord_');
  });
});
