/**
 * The server's configuration: one zod schema, parsed once at boot. Every invalid
 * variable is listed in one message; nothing else in the code reads process.env.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
        .optional(),
    ),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-" only')
      .default('accord'),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    PUBLIC_URL: optionalString.pipe(z.url('must be an absolute URL such as https://accord.example.org').optional()),
    DEMO_PASSWORD: optionalString.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
    SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
    // How many reverse proxies append to X-Forwarded-For in front of the server: `true` is one, `false` none.
    TRUST_PROXY: z
      .string()
      .trim()
      .toLowerCase()
      .default('false')
      .pipe(z.string().regex(/^(true|false|[0-9]|10)$/, 'must be true, false or a number of proxies from 0 to 10'))
      .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_ADDRESS_FAILURES: z.coerce.number().int().min(1).default(30),
    LOGIN_ACCOUNT_DELAY_MAX_SECONDS: z.coerce.number().min(0).max(60).default(4),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    YJS_MAX_PAYLOAD: z.coerce
      .number()
      .int()
      .min(1024)
      .default(2 * 1024 * 1024),
    DRAFT_IDLE_UNLOAD_SECONDS: z.coerce.number().min(0.1).default(30),
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    YJS_RATE_MESSAGES: z.coerce.number().int().min(1).default(200),
    YJS_RATE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).default(20),
    YJS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(30),
    SOCKET_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(20),
    UPGRADE_MAX_PENDING_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    HTTP_WRITES_PER_SECOND: z.coerce.number().int().min(1).default(10),
    CHECKPOINT_EVERY: z.coerce.number().int().min(1).default(500),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
    CHECKPOINT_SETTLE_SECONDS: z.coerce.number().min(1).default(60),
    COLLAB_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
    SESSION_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .default(12 * 60 * 60),
    OIDC_ISSUER: optionalString.pipe(z.url('must be the issuer URL').optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: z.string().default('Single sign-on'),
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    SMTP_FROM: z.string().default('Accord <accord@localhost>'),
    EMAIL_DIGEST_MINUTES: z.coerce.number().min(0.05).max(1440).default(60),
    /** The UI bench's static baseline page (bench/ui.ts) answers only with ACCORD_BENCH=1. */
    ACCORD_BENCH: z.enum(['0', '1']).default('0'),
    /** Test hooks (below) are honoured only with ACCORD_TEST_MODE=1; see server/testing/test-hooks.ts. */
    ACCORD_TEST_MODE: z.enum(['0', '1']).default('0'),
    ACCORD_TEST_STORE_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
    ACCORD_TEST_CRASH_AFTER_STORE: optionalString,
    ACCORD_TEST_SILENCE_RACE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'is required in production with DATABASE_URL (generate one with `openssl rand -base64 48`)',
      });
    }
    for (const hook of ['ACCORD_TEST_STORE_DELAY_MS', 'ACCORD_TEST_CRASH_AFTER_STORE', 'ACCORD_TEST_SILENCE_RACE_MS'] as const) {
      if (env[hook] !== undefined && env.ACCORD_TEST_MODE !== '1') {
        ctx.addIssue({ code: 'custom', path: [hook], message: 'is a test hook: it is honoured only with ACCORD_TEST_MODE=1, never in service' });
      }
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'OIDC needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse the environment. Throws a ConfigError listing every problem at once.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'env'} ${issue.message}`));
  }
  return result.data;
}
