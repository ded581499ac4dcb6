/**
 * Next.js mounted in Accord's own HTTP server (no listener of its own).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import type { RequestHandler } from './http-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface MountedNext {
  handle: RequestHandler;
  close(): Promise<void>;
}

export async function prepareNext(dev: boolean, port: number): Promise<MountedNext> {
  // Negotiating texts are confidential: no usage telemetry unless the operator opts in.
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const app = next({ dev, dir: ROOT, hostname: 'localhost', port: port || 3000 });
  await app.prepare();
  // On its first request Next adds its own 'upgrade' listener to our HTTP server, which
  // routes every websocket upgrade again (and ends the socket if a page matches). Ours
  // (server/http/upgrade-router.ts) is the only one needed outside dev, where Next keeps its HMR socket.
  if (!dev) (app as unknown as { didWebSocketSetup?: boolean }).didWebSocketSetup = true;
  const handle = app.getRequestHandler();
  return {
    handle: (req, res) => handle(req, res),
    close: async () => {
      await app.close?.().catch(() => undefined);
    },
  };
}
