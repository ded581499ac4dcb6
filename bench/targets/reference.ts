/**
 * (d) The reference: the stock y-websocket server of `@y/websocket-server` 0.1.1
 * (its own bin, `src/server.js`: ws + `setupWSConnection`), with no auth and no
 * persistence (YPERSISTENCE and CALLBACK_URL unset). Its bin reads PORT and prints
 * the configured port, not the bound one, so a free port is picked here first.
 */
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { extraNodeArgs, startChild } from '../lib/child';
import { SERVER_CPU } from '../lib/pin';
import type { TargetDefinition } from './types';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function referenceBin(): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@y/websocket-server/package.json');
  const pkg = require(pkgJson) as { version: string; bin: Record<string, string> };
  return path.join(path.dirname(pkgJson), pkg.bin['y-websocket-server']);
}

export function referenceVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@y/websocket-server/package.json') as { version: string }).version;
}

export const referenceTarget: TargetDefinition = {
  id: 'd',
  label: 'reference y-websocket',
  needs: [],
  async start(ctx) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' };
    for (const name of ['YPERSISTENCE', 'CALLBACK_URL', 'GC']) delete env[name];
    const child = await startChild({
      name: 'reference y-websocket server',
      command: process.execPath,
      args: [...extraNodeArgs('BENCH_SERVER_NODE_ARGS'), referenceBin()],
      env,
      pinning: ctx.pinning,
      cpu: SERVER_CPU,
      readyWhen: (line) => (line.startsWith('running at') ? port : null),
      readyTimeoutMs: 20_000,
    });
    const clauseIds = Array.from({ length: Math.max(1, ctx.clauseCount) }, (_, i) => `bench-clause-${i + 1}`);
    return {
      id: 'd',
      label: `${this.label} (@y/websocket-server ${referenceVersion()})`,
      setup: {
        kind: 'reference',
        endpoints: [{ httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` }],
        room: 'bench-draft',
        clauseIds,
        cookies: [],
        seedIfEmpty: true,
      },
      notes: [],
      probeUrls: [`http://127.0.0.1:${port}/`],
      serverPids: () => [child.pid],
      servicePids: async () => [],
      alive: () => child.alive(),
      logs: () => child.logs(),
      stop: () => child.stop(),
    };
  },
};
