/**
 * The one upgrade router: /yjs/ is the Yjs endpoint's (same-site pages only),
 * /socket.io/ is socket.io's (it listens on the server itself), Next keeps its HMR
 * socket in dev, and anything else is refused with a clear message.
 */
import type http from 'node:http';
import type { Logger } from 'pino';
import { rejectUpgrade, type CollabEndpoint } from '../collab/collab-endpoint';
import { redactUrl } from '../logger';

export interface UpgradeRouterOptions {
  collab: Pick<CollabEndpoint, 'handleUpgrade'>;
  isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean;
  dev: boolean;
  logger: Logger;
}

export function routeUpgrades(server: http.Server, options: UpgradeRouterOptions): void {
  const { collab, dev, logger } = options;
  server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
    const pathname = redactUrl(req.url);
    if (pathname === '/yjs' || pathname.startsWith('/yjs/')) {
      if (!options.isAllowedOrigin(req.headers.origin, req.headers.host)) {
        logger.warn({ origin: req.headers.origin }, 'refused cross-site yjs upgrade');
        rejectUpgrade(socket, 403, 'This page may not open Accord connections (Origin not allowed).');
        return;
      }
      void collab.handleUpgrade(req, socket, head);
      return;
    }
    if (pathname.startsWith('/socket.io/')) return;
    if (dev && pathname.startsWith('/_next/')) return;
    rejectUpgrade(socket, 404, 'There is no websocket endpoint at this path. Use /yjs/<draftId>.');
  });
}
