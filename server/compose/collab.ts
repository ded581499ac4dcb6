/**
 * The collaborative-editing core: fan-out, the update log, the history index, the
 * loaded drafts (with their side effects registered as hooks), clause states and the
 * checkpointer; and the Yjs endpoint over it. Built once by the composition root.
 */
import type { SessionControl } from '../auth/session-control';
import type { Logger } from 'pino';
import { draftRoom } from '@/lib/realtime/events';
import { verifyCollabToken } from '../auth/collab-token';
import type { SessionResolver } from '../auth/request-identity';
import { readOpenAnchors } from '../brackets/open-anchors';
import { clauseStatesHook, consensusHook, draftTouchHook, historyIndexHook } from '../collab/change-hooks';
import { createCheckpointer } from '../collab/checkpointer';
import { CollabEndpoint } from '../collab/collab-endpoint';
import { createLocalFanout, createRedisFanout } from '../collab/fanout';
import { createHookChain } from '../collab/hooks';
import { RoomRegistry } from '../collab/room-registry';
import { createUpdateStore } from '../collab/update-store';
import { testHooksFrom } from '../testing/test-hooks';
import { decideUpgrade } from '../collab/upgrade-auth';
import type { DatabaseHandle } from '../db/client';
import type { DraftEvents } from '../drafts/draft-events';
import type { DraftStore } from '../drafts/draft-store';
import type { Env } from '../env';
import { createHistoryIndexer } from '../history/history-indexer';
import { ClauseStates } from '../negotiation/clause-states';
import { createAccordMetrics } from '../observability/metrics';
import type { RealtimePublisher } from '../realtime/publisher';
import type { UserStore } from '../users/user-store';

export interface CollabCoreDeps {
  env: Env;
  logger: Logger;
  database: DatabaseHandle;
  drafts: DraftStore;
  draftEvents: DraftEvents;
  realtime: RealtimePublisher;
}

export function createCollabCore({ env, logger, database, drafts, draftEvents, realtime }: CollabCoreDeps) {
  const embedded = database.kind === 'pglite';
  // Gauges read these at scrape time; the endpoint and socket.io set theirs once they exist.
  const gauges = { connections: () => 0, socketConnections: () => 0 };
  const fanout = env.REDIS_URL ? createRedisFanout({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger }) : createLocalFanout();
  const metrics = createAccordMetrics({
    connections: () => gauges.connections(),
    loadedDrafts: () => registry.size,
    socketConnections: () => gauges.socketConnections(),
    fanout: () => fanout.stats,
  });
  const testHooks = testHooksFrom(env, logger);
  const updateStore = createUpdateStore(database.db, {
    test: testHooks,
    onBatch: (size, ms) => {
      metrics.storeLatency.observe(ms / 1000);
      metrics.storeBatchSize.observe(size);
      metrics.updates.inc(size);
    },
  });
  // The history index (sessions, authorship) follows the log off the hot path. On the
  // embedded database commits happen in id order, so nothing needs to settle first, and a
  // batch is a few statements without a transaction around them (one holds its only
  // connection and its thread): an edit arriving meanwhile waits for one statement at most.
  // Before each batch, edits waiting to be stored go first. Open history pages hear when
  // new edits are indexed (history:changed), to offer them live.
  const historyIndexer = createHistoryIndexer({
    db: database.db,
    logger,
    settleSeconds: embedded ? 0 : env.CHECKPOINT_SETTLE_SECONDS,
    embedded,
    batchSize: embedded ? 10 : 100,
    urgentBatchSize: embedded ? 250 : 2000,
    editsIdle: () => updateStore.flush(),
    onIndexed: (draftId, upToId) => realtime.emit(draftRoom(draftId), 'history:changed', { draftId, upToId }),
  });
  const hooks = createHookChain(logger);
  const registry = new RoomRegistry({
    store: updateStore,
    logger,
    idleUnloadMs: env.DRAFT_IDLE_UNLOAD_SECONDS * 1000,
    fanout,
    loadClauses: (draftId) => drafts.unsafeRoomClauses(draftId),
    isClosed: async (draftId) => (await drafts.unsafeState(draftId)) === 'closed',
    onStored: hooks.onStored,
    onRelayed: hooks.onRelayed,
  });
  const clauseStates = new ClauseStates(registry, (draftId, clauseIds, options) => readOpenAnchors(database.db, draftId, clauseIds, options));
  hooks.register(
    { onRelayed: (seconds) => metrics.relayLatency.observe(seconds) },
    historyIndexHook(historyIndexer),
    clauseStatesHook(clauseStates),
    consensusHook(draftEvents),
    draftTouchHook(drafts, logger),
  );
  const checkpointer = createCheckpointer({ db: database.db, logger, every: env.CHECKPOINT_EVERY, settleSeconds: env.CHECKPOINT_SETTLE_SECONDS });
  return { fanout, metrics, gauges, updateStore, historyIndexer, registry, clauseStates, checkpointer, testHooks };
}

export type CollabCore = ReturnType<typeof createCollabCore>;

export interface CollabEndpointDeps {
  env: Env;
  logger: Logger;
  core: CollabCore;
  secret: string;
  users: UserStore;
  sessions: SessionResolver;
  sessionControl: SessionControl;
  drafts: DraftStore;
  colorOf(delegation: string | null): string;
}

/** The Yjs websocket endpoint: identity and membership checked at the upgrade, limits per connection. */
export function createCollabEndpoint({ env, logger, core, secret, users, sessions, sessionControl, drafts, colorOf }: CollabEndpointDeps): CollabEndpoint {
  const endpoint = new CollabEndpoint({
    logger,
    registry: core.registry,
    maxPayload: env.YJS_MAX_PAYLOAD,
    // Bursts are generous so that a reconnecting client can send its offline edits at once.
    rateLimit: {
      messagesPerSecond: env.YJS_RATE_MESSAGES,
      messageBurst: env.YJS_RATE_MESSAGES * 5,
      bytesPerSecond: env.YJS_RATE_BYTES,
      byteBurst: Math.max(env.YJS_RATE_BYTES * 4, env.YJS_MAX_PAYLOAD * 2),
    },
    colorOf,
    onRefused: (code) => core.metrics.refused.inc({ code: String(code) }),
    limits: sessionControl.limits,
    decide: (req) =>
      decideUpgrade(
        { url: req.url ?? '/', cookieHeader: req.headers.cookie },
        {
          verifyToken: (token) => verifyCollabToken(secret, token),
          findIdentity: (id) => users.findIdentity(id),
          identityFromCookieHeader: (header) => sessions.fromCookieHeader(header),
          isSessionRevoked: (sid) => sessionControl.revocation.isRevoked(sid),
          membership: (id) => drafts.unsafeMembership(id),
        },
      ),
  });
  core.gauges.connections = () => endpoint.connectionCount;
  return endpoint;
}
