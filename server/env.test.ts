import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.YJS_MAX_PAYLOAD).toBe(2 * 1024 * 1024);
  });

  it('lists every invalid variable in one error', () => {
    try {
      parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_PASSWORD: 'short' });
      expect.unreachable('parseEnv accepted invalid config');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/DEMO_PASSWORD/);
    }
  });

  it('refuses production on PostgreSQL without a secret, never inventing one', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/accord' })).toThrow(/NEXTAUTH_SECRET/);
    expect(parseEnv({ NODE_ENV: 'production' }).NEXTAUTH_SECRET).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', REDIS_URL: ' ' }).DATABASE_URL).toBeUndefined();
  });

  it('reads TRUST_PROXY as a number of proxy hops', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: 'TRUE' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be true, false or a number/);
    expect(() => parseEnv({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY/);
  });

  it('requires OIDC settings together', () => {
    expect(() => parseEnv({ OIDC_ISSUER: 'https://id.example.org' })).toThrow(/OIDC/);
  });

  it('refuses test hooks unless ACCORD_TEST_MODE=1', () => {
    expect(() => parseEnv({ ACCORD_TEST_CRASH_AFTER_STORE: 'marker' })).toThrow(/ACCORD_TEST_CRASH_AFTER_STORE is a test hook/);
    expect(() => parseEnv({ ACCORD_TEST_STORE_DELAY_MS: '100' })).toThrow(/ACCORD_TEST_STORE_DELAY_MS/);
    expect(parseEnv({ ACCORD_TEST_MODE: '1', ACCORD_TEST_SILENCE_RACE_MS: '500' }).ACCORD_TEST_SILENCE_RACE_MS).toBe(500);
  });
});
