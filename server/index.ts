/**
 * The composition root: reads config, opens the database, seeds the demo on a fresh
 * embedded install, mounts Next, socket.io and the Yjs endpoint on one HTTP server,
 * routes upgrades, and shuts down in order. Nothing else starts listeners.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import next from 'next';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { delegationColor } from '@/lib/domain/delegation-color';
import { auditCsv, readAudit, writeAudit } from './audit/audit-log';
import { createAnnotationService, type AnnotationPublisher } from './brackets/annotation-service';
import { notifyAlternativeProposed } from './brackets/alternative-notice';
import { CLIENT_ADDRESS_HEADER, createAuthOptions } from './auth/auth-options';
import { createMemoryThrottle, createRedisThrottle, DEFAULT_THROTTLE, type LoginThrottle } from './auth/login-throttle';
import { issueCollabToken, verifyCollabToken } from './auth/collab-token';
import { createSessionResolver } from './auth/request-identity';
import { CollabEndpoint, rejectUpgrade } from './collab/collab-endpoint';
import { createLocalFanout, createRedisFanout } from './collab/fanout';
import { createCheckpointer } from './collab/checkpointer';
import { TokenBucket } from './collab/limits';
import { RoomRegistry } from './collab/room-registry';
import { decideUpgrade } from './collab/upgrade-auth';
import { createUpdateStore } from './collab/update-store';
import { openDatabase } from './db/client';
import { delegations } from './db/schema';
import { createDraftStore } from './drafts/draft-store';
import { ConfigError, parseEnv, type Env } from './env';
import { createExportService } from './export/export-service';
import { readDraftParagraphs } from './export/read-draft-text';
import { createLogger, redactUrl } from './logger';
import { ClauseStates } from './negotiation/clause-states';
import { createNegotiationService, type NegotiationPublisher } from './negotiation/negotiation-service';
import { SilenceScheduler } from './negotiation/silence-scheduler';
import { createAccordMetrics } from './observability/metrics';
import { createSocketServer, userRoom, type AccordIo } from './realtime/socket-server';
import { draftRoom, notifyRoom, teamRoom, type AnnotationEvents, type CommentEvents, type HistoryEvents, type NegotiationEvents } from '@/lib/realtime/events';
import { createCommentService } from './comments/comment-service';
import { createNotificationService } from './notifications/notification-service';
import { notifyDelegations, registerNotifier } from './notifications/notify-delegations';
import { loadOrCreateSecret } from './secrets';
import { isAllowedOrigin } from './security/origin';
import { formatDemoCredentials, seedDemo } from './seed/seed-demo';
import { createHistoryIndexer } from './history/history-indexer';
import { createHistoryService, type HistoryPublisher } from './history/history-service';
import { registerServices, type AccordServices } from './services-registry';
import { createUserAdmin } from './users/user-admin';
import { createUserStore } from './users/user-store';

type SocketAdapter = NonNullable<Parameters<typeof createSocketServer>[1]['adapter']>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningAccord {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startAccord(env: Env, logger: Logger): Promise<RunningAccord> {
  const dev = env.NODE_ENV === 'development';
  const dataDir = path.resolve(env.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });

  let secret = env.NEXTAUTH_SECRET;
  if (!secret) {
    const loaded = loadOrCreateSecret(dataDir);
    secret = loaded.secret;
    if (loaded.created) logger.info({ file: path.join(dataDir, 'nextauth-secret') }, 'generated a session secret');
  }
  const secureCookie = env.PUBLIC_URL?.startsWith('https://') ?? false;
  // next-auth reads its public URL from the environment; PUBLIC_URL is the one setting for it.
  if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL;

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  logger.info({ database: database.kind, dataDir: database.kind === 'pglite' ? dataDir : undefined }, 'database ready');

  const shouldSeed = env.SEED_DEMO === 'always' || (env.SEED_DEMO === 'auto' && database.kind === 'pglite');
  let seedResult: Awaited<ReturnType<typeof seedDemo>> | undefined;
  if (shouldSeed) {
    seedResult = await seedDemo(database.db, { password: env.DEMO_PASSWORD });
    if (seedResult.seeded) {
      logger.info({ draftId: seedResult.draftId }, 'demo consultation created');
      // Written at once: a generated password must survive a failure later in the start-up.
      fs.writeFileSync(path.join(dataDir, 'demo-credentials.txt'), formatDemoCredentials(seedResult, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`), { mode: 0o600 });
    }
  }

  const colors = new Map((await database.db.select().from(delegations)).map((d) => [d.code, d.color]));
  const colorOf = (code: string | null) => (code ? colors.get(code) ?? delegationColor(code) : delegationColor(null));

  const users = createUserStore(database.db);
  const drafts = createDraftStore(database.db);
  const sessions = createSessionResolver({ secret, secureCookie, users });
  // Gauges read these at scrape time; they are assigned once the parts exist.
  const live = { connections: () => 0, loadedDrafts: () => 0, socketConnections: () => 0 };
  const metrics = createAccordMetrics({
    connections: () => live.connections(),
    loadedDrafts: () => live.loadedDrafts(),
    socketConnections: () => live.socketConnections(),
    fanout: () => fanout.stats,
  });
  const updateStore = createUpdateStore(database.db, {
    onBatch: (size, ms) => {
      metrics.storeLatency.observe(ms / 1000);
      metrics.storeBatchSize.observe(size);
      metrics.updates.inc(size);
    },
  });
  const fanout = env.REDIS_URL ? createRedisFanout({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger }) : createLocalFanout();
  let socketAdapter: SocketAdapter | undefined;
  let adapterClients: Redis[] = [];
  if (env.REDIS_URL) {
    const { Redis } = await import('ioredis');
    const { createAdapter } = await import('@socket.io/redis-adapter');
    const pub = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (err: Error) => logger.warn({ err: err.message }, 'socket.io redis adapter connection error'));
    adapterClients = [pub, sub];
    socketAdapter = createAdapter(pub, sub, { key: `${env.REDIS_PREFIX}:socket.io` });
    logger.info({ prefix: env.REDIS_PREFIX }, 'fan-out through redis');
  }

  // socket.io is created with the HTTP server below; events published before then reach nobody.
  const ioRef: { current?: AccordIo } = {};
  const historyPublisher: HistoryPublisher = {
    publish: (draftId, event, payload) => {
      // The event map is typed per event; the publisher is generic over it.
      ioRef.current?.to(draftRoom(draftId)).emit(event as 'revision:created', payload as HistoryEvents['revision:created']);
    },
  };
  // The history index (sessions, authorship) follows the log off the hot path. On the
  // embedded database commits happen in id order, so nothing needs to settle first, and a
  // batch is a few statements without a transaction around them (one holds its only
  // connection and its thread): an edit arriving meanwhile waits for one statement at most.
  // Before each batch, edits waiting to be stored go first. Open history pages hear when
  // new edits are indexed (history:changed), to offer them live.
  const historyIndexer = createHistoryIndexer({
    db: database.db,
    logger,
    settleSeconds: database.kind === 'pglite' ? 0 : env.CHECKPOINT_SETTLE_SECONDS,
    embedded: database.kind === 'pglite',
    batchSize: database.kind === 'pglite' ? 10 : 100,
    urgentBatchSize: database.kind === 'pglite' ? 250 : 2000,
    editsIdle: () => updateStore.flush(),
    onIndexed: (draftId, upToId) => historyPublisher.publish(draftId, 'history:changed', { draftId, upToId }),
  });
  const touchedAt = new Map<string, number>();
  const textChanges = new Map<string, Set<string>>();
  const registry = new RoomRegistry({
    store: updateStore,
    logger,
    idleUnloadMs: env.DRAFT_IDLE_UNLOAD_SECONDS * 1000,
    fanout,
    onRelayed: (seconds) => metrics.relayLatency.observe(seconds),
    loadClauses: (draftId) => drafts.unsafeClauses(draftId),
    onStored: (draftId, origin) => {
      historyIndexer.schedule(draftId);
      clauseStates.invalidate(draftId, origin.clauseIds);
      // Consensus depends on the text (brackets, stale positions): push it, coalesced per draft.
      const pending = textChanges.get(draftId);
      if (pending) origin.clauseIds.forEach((id) => pending.add(id));
      else if (origin.clauseIds.length > 0) {
        textChanges.set(draftId, new Set(origin.clauseIds));
        setTimeout(() => {
          const ids = [...(textChanges.get(draftId) ?? [])];
          textChanges.delete(draftId);
          negotiation.publishConsensus(draftId, ids, true).catch((err: unknown) => logger.warn({ err, draftId }, 'could not publish consensus'));
        }, 1000).unref();
      }
      // Keep the drafts list's "last updated" fresh without a write per keystroke.
      const now = Date.now();
      if ((touchedAt.get(draftId) ?? 0) > now - 10_000) return;
      touchedAt.set(draftId, now);
      drafts.unsafeTouch(draftId).catch((err: unknown) => logger.warn({ err }, 'could not update draft timestamp'));
    },
  });
  const clauseStates = new ClauseStates(registry);

  const publisher: NegotiationPublisher = {
    publish: (draftId, event, payload) => {
      const room = ioRef.current?.to(draftRoom(draftId));
      // The event map is typed per event; the publisher is generic over it.
      room?.emit(event as 'position:updated', payload as NegotiationEvents['position:updated']);
    },
  };
  const scheduler: SilenceScheduler = new SilenceScheduler({
    completeDue: (now) => negotiation.completeDueSilences(now),
    nextDeadline: () => negotiation.nextDeadline(),
    logger,
  });
  const negotiation = createNegotiationService({
    db: database.db,
    drafts,
    clauseStates,
    publisher,
    logger,
    // Live rooms lock or unlock clause text at once, on every instance.
    onClauseStatusesChanged: (draftId) => registry.clausesChanged(draftId),
    onSilenceScheduled: (deadline) => scheduler.arm(deadline),
  });

  const annotationPublisher: AnnotationPublisher = {
    publish: (draftId, event, payload) => {
      ioRef.current?.to(draftRoom(draftId)).emit(event as 'bracket:updated', payload as AnnotationEvents['bracket:updated']);
    },
  };
  const annotations = createAnnotationService({
    db: database.db,
    drafts,
    registry,
    clauseStates,
    publisher: annotationPublisher,
    logger,
    publishConsensus: (draftId, clauseIds) => negotiation.publishConsensus(draftId, clauseIds),
    // Delegations holding a position on the clause hear of a new alternative wording.
    onAlternativeProposed: (alternative, clause, actor) => notifyAlternativeProposed(database.db, notifyDelegations, alternative, clause, actor),
  });
  clauseStates.useAnnotations(annotations);
  // Internal notes go to their team's room only; public threads to the whole draft.
  const notificationService = createNotificationService({
    db: database.db,
    drafts,
    logger,
    publisher: {
      toDelegation: (delegation, exceptUserId, payload) => {
        const room = ioRef.current?.to(notifyRoom(delegation));
        (exceptUserId ? room?.except(userRoom(exceptUserId)) : room)?.emit('notification:new', payload);
      },
    },
  });
  registerNotifier(notificationService);
  const comments = createCommentService({
    db: database.db,
    drafts,
    logger,
    publisher: {
      publish: (draftId, audience, event, payload) => {
        const room = ioRef.current?.to(audience.team ? teamRoom(draftId, audience.team) : draftRoom(draftId));
        room?.emit(event as 'comment:created', payload as CommentEvents['comment:created']);
      },
    },
    withDocument: async (draftId, read) => {
      const room = await registry.acquire(draftId);
      try {
        return read(room.doc);
      } finally {
        registry.release(room);
      }
    },
    notify: (input) => notificationService.notify(input),
  });
  const checkpointer = createCheckpointer({ db: database.db, logger, every: env.CHECKPOINT_EVERY, settleSeconds: env.CHECKPOINT_SETTLE_SECONDS });
  const history = createHistoryService({ db: database.db, drafts, indexer: historyIndexer, registry, checkpointer, publisher: historyPublisher, logger });

  const throttleConfig = { ...DEFAULT_THROTTLE, accountFailures: env.LOGIN_MAX_FAILURES };
  const loginThrottle: LoginThrottle = adapterClients[0]
    ? createRedisThrottle(adapterClients[0], env.REDIS_PREFIX, throttleConfig)
    : createMemoryThrottle(throttleConfig);

  // Rights changed: close the person's live connections here and on every other instance.
  const revokeLocally = (userId: string) => {
    const closed = collabRef.current?.closeConnectionsOf(userId) ?? 0;
    logger.info({ userId, closed }, 'closed connections after a change of rights');
  };
  const collabRef: { current?: CollabEndpoint } = {};
  fanout.onControl((message) => {
    if (message.type === 'reauthorise') revokeLocally(message.userId);
  });
  const userAdmin = createUserAdmin({
    db: database.db,
    revoke: (userId) => {
      revokeLocally(userId);
      fanout.publishControl({ type: 'reauthorise', userId });
      // With the Redis adapter this reaches the person's sockets on every instance.
      ioRef.current?.in(userRoom(userId)).disconnectSockets(true);
    },
  });

  const writeBuckets = new Map<string, TokenBucket>();
  let ready = false;
  const services: AccordServices = {
    logger,
    authOptions: createAuthOptions({
      env,
      secret,
      secureCookie,
      users,
      logger,
      throttle: loginThrottle,
      onSignIn: ({ userId, email, provider }) => {
        database.db
          .transaction((tx) => writeAudit(tx, { actor: { userId, email, name: email, role: 'observer', delegation: null }, action: 'user.signed_in', details: { provider } }))
          .catch((err: unknown) => logger.warn({ err }, 'could not audit a sign-in'));
      },
    }),
    sessions,
    users,
    userAdmin,
    audit: { read: (identity, query) => readAudit(database.db, identity, query), csv: auditCsv },
    drafts,
    negotiation,
    annotations,
    comments,
    notifications: notificationService,
    exporter: createExportService({
      db: database.db,
      drafts,
      negotiation,
      history,
      logger,
      readParagraphs: (draftId, clauseIds) => readDraftParagraphs(registry, draftId, clauseIds),
    }),
    history,
    collabTokens: {
      issue: (identity, draftId) =>
        issueCollabToken(secret, { userId: identity.userId, draftId, authVersion: identity.authVersion }, env.COLLAB_TOKEN_TTL_SECONDS),
    },
    oidc: { enabled: Boolean(env.OIDC_ISSUER), name: env.OIDC_NAME },
    isReady: () => ready,
    isAllowedOrigin: (origin, host) => isAllowedOrigin(origin, host, env.PUBLIC_URL),
    colorOf,
    allowWrite: (userId) => {
      let bucket = writeBuckets.get(userId);
      if (!bucket) {
        if (writeBuckets.size > 10_000) writeBuckets.clear();
        bucket = new TokenBucket(env.HTTP_WRITES_PER_SECOND, env.HTTP_WRITES_PER_SECOND * 3);
        writeBuckets.set(userId, bucket);
      }
      return bucket.take();
    },
    metrics: { render: () => metrics.registry.render(), token: env.METRICS_TOKEN },
    checkReadiness: async () => {
      const db = await database.ping().then(
        () => true,
        () => false,
      );
      const bus = await fanout.ping();
      return { ok: db && bus, checks: { database: db, ...(fanout.kind === 'redis' ? { redis: bus } : {}) } };
    },
  };
  registerServices(services);

  // Negotiating texts are confidential: no usage telemetry unless the operator opts in.
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const nextApp = next({ dev, dir: ROOT, hostname: 'localhost', port: env.PORT || 3000 });
  await nextApp.prepare();
  // On its first request Next adds its own 'upgrade' listener to our HTTP server, which
  // routes every websocket upgrade again (and ends the socket if a page matches). Ours
  // (below) is the only one needed outside dev, where Next keeps its HMR socket.
  if (!dev) (nextApp as unknown as { didWebSocketSetup?: boolean }).didWebSocketSetup = true;
  const handle = nextApp.getRequestHandler();

  // Set on every response; the page CSP (with a nonce) comes from proxy.ts.
  const securityHeaders: Array<[string, string]> = [
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'same-origin'],
    ['x-frame-options', 'DENY'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['cross-origin-opener-policy', 'same-origin'],
    ...(secureCookie ? ([['strict-transport-security', 'max-age=31536000; includeSubDomains']] as Array<[string, string]>) : []),
  ];
  let shuttingDown = false;
  const httpServer = http.createServer((req, res) => {
    // A request id for correlating logs: the proxy's when it sends one, else ours.
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    // The client's address for login throttling: the proxy's X-Forwarded-For only when trusted.
    const forwarded = env.TRUST_PROXY ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
    req.headers[CLIENT_ADDRESS_HEADER] = forwarded || req.socket.remoteAddress || 'unknown';
    // Liveness is answered here, not by Next: probes come every few seconds from load
    // balancers and need no session, page or framework work (and must not queue behind it).
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.url === '/api/health' || req.url?.startsWith('/api/health?'))) {
      const body = JSON.stringify({ ok: ready });
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    // While shutting down, no connection is kept for another request.
    if (shuttingDown) res.setHeader('connection', 'close');
    const started = performance.now();
    res.on('finish', () => {
      const path = redactUrl(req.url);
      if (path.startsWith('/_next/static')) return;
      logger.info({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'http');
    });
    handle(req, res).catch((err: unknown) => {
      logger.error({ err, requestId, path: redactUrl(req.url) }, 'request failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  });

  // Every TCP connection (HTTP, Yjs and socket.io websockets), so that a shutdown can end
  // the ones still open when its grace period is over.
  const openSockets = new Set<Socket>();
  httpServer.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  });
  // Idle keep-alive connections stay open longer than a proxy's or client's own idle
  // timeout (60 s is common): otherwise the server may close one just as a request is
  // sent on it, and that request fails with "socket hang up".
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const socketServer = createSocketServer(httpServer, {
    logger,
    sessions,
    drafts,
    colorOf,
    adapter: socketAdapter,
    allowOrigin: (origin, host) => isAllowedOrigin(origin, host, env.PUBLIC_URL),
    eventsPerSecond: env.SOCKET_EVENTS_PER_SECOND,
  });
  ioRef.current = socketServer;
  const collab = new CollabEndpoint({
    logger,
    registry,
    maxPayload: env.YJS_MAX_PAYLOAD,
    // Bursts are generous so that a reconnecting client can send its offline edits at once.
    rateLimit: {
      messagesPerSecond: env.YJS_RATE_MESSAGES,
      messageBurst: env.YJS_RATE_MESSAGES * 5,
      bytesPerSecond: env.YJS_RATE_BYTES,
      byteBurst: Math.max(env.YJS_RATE_BYTES * 4, env.YJS_MAX_PAYLOAD * 2),
    },
    colorOf,
    onRefused: (code) => metrics.refused.inc(1, { code: String(code) }),
    decide: (req) =>
      decideUpgrade(
        { url: req.url ?? '/', cookieHeader: req.headers.cookie },
        {
          verifyToken: (token) => verifyCollabToken(secret, token),
          findIdentity: (id) => users.findIdentity(id),
          identityFromCookieHeader: (header) => sessions.fromCookieHeader(header),
          membership: (id) => drafts.unsafeMembership(id),
        },
      ),
  });

  collabRef.current = collab;
  live.connections = () => collab.connectionCount;
  live.loadedDrafts = () => registry.size;
  live.socketConnections = () => socketServer.engine.clientsCount;

  // One upgrade router: /yjs/ is ours, /socket.io/ is socket.io's, Next keeps its HMR socket in dev.
  httpServer.on('upgrade', (req, socket, head) => {
    const pathname = redactUrl(req.url);
    if (pathname === '/yjs' || pathname.startsWith('/yjs/')) {
      if (!isAllowedOrigin(req.headers.origin, req.headers.host, env.PUBLIC_URL)) {
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

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = env.PUBLIC_URL ?? `http://localhost:${port}`;
  await scheduler.start();
  // Checkpoints are written off the hot path, on a timer; any instance may do it (once, by lock).
  let checkpointing = Promise.resolve();
  const checkpointTimer = setInterval(() => {
    checkpointing = checkpointing
      .then(() => checkpointer.runDue())
      .then(() => historyIndexer.runDue())
      .then(() => undefined, (err: unknown) => logger.error({ err }, 'checkpoint pass failed'));
  }, Math.min(30_000, env.CHECKPOINT_SETTLE_SECONDS * 500));
  checkpointTimer.unref();
  // Index what was logged while the server was down (or before the history index existed).
  checkpointing = checkpointing
    .then(() => historyIndexer.prime())
    .then(() => historyIndexer.runDue())
    .then(() => undefined, (err: unknown) => logger.warn({ err }, 'history indexing pass failed'));
  ready = true;
  logger.info({ port, url }, 'Accord listening');

  if (seedResult?.seeded) {
    const text = formatDemoCredentials(seedResult, url);
    const file = path.join(dataDir, 'demo-credentials.txt');
    fs.writeFileSync(file, text, { mode: 0o600 });
    process.stdout.write(
      `\n${'='.repeat(72)}\n${text}\n(kept in ${file}${seedResult.passwordGenerated ? '; set DEMO_PASSWORD to choose your own' : ''})\n${'='.repeat(72)}\n\n`,
    );
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      ready = false;
      shuttingDown = true;
      // Keep-alive connections that go idle during the shutdown (a request was in flight)
      // would otherwise hold the HTTP server open for keepAliveTimeout.
      const idleSweep = setInterval(() => httpServer.closeIdleConnections(), 250);
      idleSweep.unref();
      logger.info('shutting down: closing connections');
      // Each step is named in the log when it takes long, so a stuck shutdown says where.
      const step = async (name: string, run: () => Promise<unknown>) => {
        const slow = setTimeout(() => logger.warn({ step: name, connections: openSockets.size }, 'shutdown step still waiting'), 2000);
        try {
          await run();
        } finally {
          clearTimeout(slow);
        }
      };
      await step('silence scheduler', () => scheduler.stop());
      clearInterval(checkpointTimer);
      await step('checkpointing', () => checkpointing);
      // Clients get the grace period to finish requests and close their websockets; then
      // whatever is still open is cut (a peer that never answers a close frame, or a
      // connection that never sent a whole request, would otherwise hold the exit).
      const graceOver = setTimeout(() => {
        if (openSockets.size === 0) return;
        logger.warn({ connections: openSockets.size, graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, 'shutdown grace period over: closing the remaining connections');
        for (const socket of openSockets) socket.destroy();
      }, env.SHUTDOWN_GRACE_SECONDS * 1000);
      graceOver.unref();
      await step('yjs connections', () => collab.shutdown());
      await step('socket.io', () => new Promise<void>((resolve) => socketServer.close(() => resolve())));
      await step('http server', () =>
        new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        }),
      );
      clearInterval(idleSweep);
      clearTimeout(graceOver);
      await step('documents', () => registry.closeAll());
      await step('update store', () => updateStore.flush());
      await step('history index', () => historyIndexer.close());
      await step('redis fan-out', () => fanout.close());
      await step('socket.io redis adapter', () => Promise.allSettled(adapterClients.map((c) => c.quit())));
      await step('next', () => nextApp.close?.().catch(() => undefined) ?? Promise.resolve());
      await step('database', () => database.close());
      registerServices(undefined);
      registerNotifier(undefined);
      logger.info('shut down cleanly');
    })();
    return closing;
  };
  return { url, port, close };
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
