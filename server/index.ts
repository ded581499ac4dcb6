/**
 * The composition root: reads config, prepares storage, builds the collab core and the
 * domain services, mounts Next, socket.io and the Yjs endpoint on one HTTP server, routes
 * upgrades, and registers the shutdown steps in order. Nothing else starts listeners.
 *
 * Where things live: server/http/ (the HTTP server, upgrade routing, Next),
 * server/lifecycle/ (storage at start, the shutdown sequence), server/realtime/ (socket.io
 * and its one publisher), server/collab/ (the Yjs side, its hooks), server/compose/
 * (the wiring of the core, the domain and the route services).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { delegationColor } from '@/lib/domain/delegation-color';
import { createSessionResolver } from './auth/request-identity';
import { createSessionControl } from './auth/session-control';
import type { CollabEndpoint } from './collab/collab-endpoint';
import type { AccordIo } from './realtime/socket-server';
import { startMaintenance } from './collab/maintenance';
import { createCollabCore, createCollabEndpoint } from './compose/collab';
import { createDomain } from './compose/domain';
import { composeDraftAdmin } from './compose/draft-admin';
import { createRouteServices } from './compose/route-services';
import { delegations } from './db/schema';
import { createDraftEvents } from './drafts/draft-events';
import { createDraftStore } from './drafts/draft-store';
import { ConfigError, parseEnv, type Env } from './env';
import { createHttpServer } from './http/http-server';
import { prepareNext } from './http/next-app';
import { routeUpgrades } from './http/upgrade-router';
import { announceDemo, prepareStorage } from './lifecycle/storage';
import { createShutdown } from './lifecycle/shutdown';
import { createLogger, tolerateClosedStdout } from './logger';
import { registerNotifier } from './notifications/notify-delegations';
import { createRealtimePublisher } from './realtime/publisher';
import { createSocketAdapter } from './realtime/redis-adapter';
import { createSocketServer } from './realtime/socket-server';
import { isAllowedOrigin } from './security/origin';
import { registerServices } from './services-registry';
import { createRevocation } from './users/revocation';
import { createUserAdmin } from './users/user-admin';
import { createUserStore } from './users/user-store';

export interface RunningAccord {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startAccord(env: Env, logger: Logger): Promise<RunningAccord> {
  const dev = env.NODE_ENV === 'development';
  const secureCookie = env.PUBLIC_URL?.startsWith('https://') ?? false;
  // next-auth reads its public URL from the environment; PUBLIC_URL is the one setting for it.
  if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL;
  const storage = await prepareStorage(env, logger);
  const { database, secret } = storage;

  const colors = new Map((await database.db.select().from(delegations)).map((d) => [d.code, d.color]));
  // A delegation added on another instance is read in on first sight (at most every 5 s).
  let colorsReadAt = 0;
  const colorOf = (code: string | null) => {
    if (!code) return delegationColor(null);
    const known = colors.get(code);
    if (known) return known;
    if (Date.now() - colorsReadAt > 5000) {
      colorsReadAt = Date.now();
      database.db
        .select()
        .from(delegations)
        .then((rows) => rows.forEach((d) => colors.set(d.code, d.color)))
        .catch((err: unknown) => logger.warn({ err }, 'could not read delegation colours'));
    }
    return delegationColor(code);
  };
  const allowOrigin = (origin: string | null | undefined, host: string | null | undefined) => isAllowedOrigin(origin, host, env.PUBLIC_URL);
  const users = createUserStore(database.db);
  const drafts = createDraftStore(database.db);
  // socket.io is created with the HTTP server below; events published before then reach nobody.
  const realtime = createRealtimePublisher();
  const draftEvents = createDraftEvents(logger);
  const core = createCollabCore({ env, logger, database, drafts, draftEvents, realtime });
  // Signing a session out reaches the Yjs endpoint and socket.io, which exist only later.
  const live: { collab?: CollabEndpoint; io?: AccordIo } = {};
  const sessionControl = createSessionControl({ env, db: database.db, fanout: core.fanout, users, logger, collab: () => live.collab, io: () => live.io });
  const sessions = createSessionResolver({ secret, secureCookie, users, isRevoked: (sid) => sessionControl.revocation.isRevoked(sid) });
  const socketAdapter = await createSocketAdapter(env, logger);
  const email = env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.SMTP_FROM, digestMinutes: env.EMAIL_DIGEST_MINUTES, publicUrl: env.PUBLIC_URL } : undefined;
  const domain = createDomain({ logger, database, drafts, core, realtime, draftEvents, email });
  const revocation = createRevocation({ fanout: core.fanout, realtime, logger });
  const userAdmin = createUserAdmin({ db: database.db, revoke: (userId) => revocation.revoke(userId) });
  const draftAdmin = composeDraftAdmin({ logger, database, drafts, draftEvents, core, realtime, revocation, colors });

  let ready = false;
  registerServices(
    createRouteServices({
      env,
      logger,
      secret,
      database,
      core,
      domain,
      drafts,
      draftAdmin,
      users,
      userAdmin,
      sessions,
      sessionControl,
      colorOf,
      redis: socketAdapter.clients[0],
      isReady: () => ready,
    }),
  );

  const nextApp = await prepareNext(dev, env.PORT);
  const http = createHttpServer({
    logger,
    trustedHops: env.TRUST_PROXY,
    https: secureCookie,
    isReady: () => ready,
    handle: nextApp.handle,
    metrics: { production: env.NODE_ENV === 'production', token: env.METRICS_TOKEN },
  });
  const socketServer = createSocketServer(http.server, {
    logger,
    sessions,
    drafts,
    colorOf,
    adapter: socketAdapter.adapter,
    allowOrigin,
    eventsPerSecond: env.SOCKET_EVENTS_PER_SECOND,
    limits: sessionControl.limits,
  });
  live.io = socketServer;
  realtime.attach(socketServer);
  core.gauges.socketConnections = () => socketServer.engine.clientsCount;
  const collab = createCollabEndpoint({ env, logger, core, secret, users, sessions, sessionControl, drafts, colorOf });
  live.collab = collab;
  revocation.attach(collab);
  routeUpgrades(http.server, { collab, dev, logger, isAllowedOrigin: allowOrigin });

  const port = await http.listen(env.PORT, env.HOST);
  const url = env.PUBLIC_URL ?? `http://localhost:${port}`;
  await domain.scheduler.start();
  domain.emailDigest?.start();
  const maintenance = startMaintenance({
    checkpointer: core.checkpointer,
    historyIndexer: core.historyIndexer,
    logger,
    everyMs: Math.min(30_000, env.CHECKPOINT_SETTLE_SECONDS * 500),
  });
  ready = true;
  logger.info({ port, url }, 'Accord listening');
  announceDemo(storage, url);

  // The shutdown, in order: stop taking work, finish background passes, give clients the
  // grace period to finish requests and close their websockets (then cut what is still
  // open), store what rooms hold, and close the drivers.
  const shutdown = createShutdown({ logger, openConnections: () => http.openConnections() });
  shutdown.step('stop accepting', () => {
    ready = false;
    http.beginShutdown();
    logger.info('shutting down: closing connections');
  });
  shutdown.step('silence scheduler', () => domain.scheduler.stop());
  shutdown.step('notification e-mail', async () => domain.emailDigest?.stop());
  shutdown.step('checkpointing', () => maintenance.stop());
  shutdown.step('grace period', () => http.armGrace(env.SHUTDOWN_GRACE_SECONDS));
  shutdown.step('yjs connections', () => collab.shutdown());
  shutdown.step('socket.io', () => socketServer.close());
  shutdown.step('http server', () => http.close());
  shutdown.step('documents', () => core.registry.closeAll());
  shutdown.step('update store', () => core.updateStore.flush());
  shutdown.step('history index', () => core.historyIndexer.close());
  shutdown.step('redis fan-out', () => core.fanout.close());
  shutdown.step('socket.io redis adapter', () => socketAdapter.close());
  shutdown.step('next', () => nextApp.close());
  shutdown.step('database', () => database.close());
  shutdown.step('services', () => {
    registerServices(undefined);
    registerNotifier(undefined);
    logger.info('shut down cleanly');
  });
  return { url, port, close: () => shutdown.run() };
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  tolerateClosedStdout();
  const logger = createLogger(env.LOG_LEVEL);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  let server: RunningAccord;
  try {
    server = await startAccord(env, logger);
  } catch (err) {
    logger.fatal({ err }, 'Accord could not start');
    process.exit(1);
  }
  const stop = (signal: string) => {
    logger.info({ signal }, 'received signal');
    server
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main();
}
