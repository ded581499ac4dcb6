/**
 * The services Next's route handlers reach through the services registry: auth,
 * sessions, the domain services, and the small policies routes apply (write rate
 * limit, allowed origins, metrics, readiness).
 */
import type { SessionControl } from '../auth/session-control';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { auditCsv, readAudit, writeAudit } from '../audit/audit-log';
import { createAuthOptions } from '../auth/auth-options';
import { issueCollabToken } from '../auth/collab-token';
import { createMemoryThrottle, createRedisThrottle, throttleConfigFromEnv } from '../auth/login-throttle';
import type { SessionResolver } from '../auth/request-identity';
import { TokenBucket } from '../collab/limits';
import type { DatabaseHandle } from '../db/client';
import type { DraftAdmin } from '../drafts/admin/draft-admin-service';
import type { DraftStore } from '../drafts/draft-store';
import { draftImporter } from '../drafts/import/prepare-import';
import { createStaticTextService } from '../drafts/static-text-service';
import type { Env } from '../env';
import { createExportService } from '../export/export-service';
import { readDraftDisputedText } from '../export/read-draft-text';
import { isAllowedOrigin } from '../security/origin';
import type { AccordServices } from '../services-registry';
import type { UserAdmin } from '../users/user-admin';
import type { UserStore } from '../users/user-store';
import type { CollabCore } from './collab';
import type { Domain } from './domain';

export interface RouteServicesDeps {
  env: Env;
  logger: Logger;
  secret: string;
  database: DatabaseHandle;
  core: CollabCore;
  domain: Domain;
  drafts: DraftStore;
  draftAdmin: DraftAdmin;
  users: UserStore;
  userAdmin: UserAdmin;
  sessions: SessionResolver;
  sessionControl: SessionControl;
  /** The Redis connection the login throttle shares (none: throttled in memory). */
  redis?: Redis;
  colorOf(delegation: string | null): string;
  isReady(): boolean;
}

/** Per-person token buckets for state-changing HTTP requests. */
function writeLimiter(perSecond: number): (userId: string) => boolean {
  const buckets = new Map<string, TokenBucket>();
  return (userId) => {
    let bucket = buckets.get(userId);
    if (!bucket) {
      if (buckets.size > 10_000) buckets.clear();
      bucket = new TokenBucket(perSecond, perSecond * 3);
      buckets.set(userId, bucket);
    }
    return bucket.take();
  };
}

export function createRouteServices(deps: RouteServicesDeps): AccordServices {
  const { env, logger, secret, database, core, domain, drafts, users, sessions } = deps;
  const secureCookie = env.PUBLIC_URL?.startsWith('https://') ?? false;
  const throttleConfig = throttleConfigFromEnv(env);
  const throttle = deps.redis ? createRedisThrottle(deps.redis, env.REDIS_PREFIX, throttleConfig) : createMemoryThrottle(throttleConfig);
  return {
    logger,
    authOptions: createAuthOptions({
      env,
      secret,
      secureCookie,
      users,
      logger,
      throttle,
      onSignOut: (session) => deps.sessionControl.signOut(session),
      isSessionCurrent: (session) => deps.sessionControl.isCurrent(session),
      onSignIn: ({ userId, email, provider }) => {
        database.db
          .transaction((tx) =>
            writeAudit(tx, { actor: { userId, email, name: email, role: 'observer', delegation: null }, action: 'user.signed_in', details: { provider } }),
          )
          .catch((err: unknown) => logger.warn({ err }, 'could not audit a sign-in'));
      },
    }),
    sessions,
    users,
    userAdmin: deps.userAdmin,
    audit: { read: (identity, query) => readAudit(database.db, identity, query), csv: auditCsv },
    drafts,
    draftAdmin: deps.draftAdmin,
    importer: draftImporter,
    negotiation: domain.negotiation,
    structure: domain.structure,
    annotations: domain.annotations,
    comments: domain.comments,
    notifications: domain.notifications,
    notificationPreferences: domain.preferences,
    exporter: createExportService({
      db: database.db,
      drafts,
      negotiation: domain.negotiation,
      history: domain.history,
      logger,
      readText: (draftId, clauseIds, disputes) => readDraftDisputedText(core.registry, draftId, clauseIds, disputes),
    }),
    history: domain.history,
    staticText: createStaticTextService({ drafts, registry: core.registry }),
    benchRoutes: env.ACCORD_BENCH === '1',
    fourColumn: domain.fourColumn,
    collabTokens: {
      issue: (identity, draftId) =>
        issueCollabToken(
          secret,
          { userId: identity.userId, draftId, authVersion: identity.authVersion, sessionId: identity.sessionId },
          env.COLLAB_TOKEN_TTL_SECONDS,
        ),
    },
    oidc: { enabled: Boolean(env.OIDC_ISSUER), name: env.OIDC_NAME },
    isReady: deps.isReady,
    isAllowedOrigin: (origin, host) => isAllowedOrigin(origin, host, env.PUBLIC_URL),
    colorOf: deps.colorOf,
    allowWrite: writeLimiter(env.HTTP_WRITES_PER_SECOND),
    metrics: { render: core.metrics.render, contentType: core.metrics.contentType, token: env.METRICS_TOKEN },
    checkReadiness: async () => {
      const db = await database.ping().then(
        () => true,
        () => false,
      );
      const bus = await core.fanout.ping();
      return { ok: db && bus, checks: { database: db, ...(core.fanout.kind === 'redis' ? { redis: bus } : {}) } };
    },
  };
}
