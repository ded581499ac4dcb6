/**
 * NextAuth v4 configuration: credentials sign-in (provider id `credentials`, fields
 * `email` and `password`), plus OIDC when configured. Sessions are JWTs that carry
 * only the user id and its authVersion; roles are always read fresh from the database.
 */
import crypto from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import credentialsModule from 'next-auth/providers/credentials';
import type { Logger } from 'pino';
import type { Env } from '../env';
import type { UserStore } from '../users/user-store';
import { freeTextProblem } from '@/lib/validation/text';
import { describeRetry, type LoginThrottle } from './login-throttle';

/** Header the custom server sets on every request to the client's address (never taken from the client). */
export const CLIENT_ADDRESS_HEADER = 'x-accord-client-address';

// next-auth ships CommonJS with `exports.default`; under Node's ESM loader the default import is the module object.
const CredentialsProvider = ((credentialsModule as unknown as { default?: typeof credentialsModule }).default ?? credentialsModule) as typeof credentialsModule;

export function createAuthOptions(options: {
  env: Env;
  secret: string;
  secureCookie: boolean;
  users: UserStore;
  logger: Logger;
  onSignIn?: (event: { userId: string; email: string; provider: string }) => void;
  /** Whether a session is still current (not signed out, rights unchanged); checked whenever NextAuth reads it. */
  isSessionCurrent?: (session: { userId: string; sid: string; authVersion: unknown }) => Promise<boolean>;
  /** Called (and awaited) when a session signs out, with the session's id: it must be refused from then on. */
  onSignOut?: (session: { sid: string; userId: string | null }) => Promise<void>;
  throttle: LoginThrottle;
}): NextAuthOptions {
  const { env, users, logger } = options;
  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === 'string' ? credentials.email.trim().toLowerCase() : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password || email.length > 320 || password.length > 1024) return null;
        // Not an address or password anyone has: refused before it reaches the database (which cannot store NUL).
        if (freeTextProblem(email, false) || freeTextProblem(password, false)) return null;
        const header = req?.headers?.[CLIENT_ADDRESS_HEADER];
        const address = (Array.isArray(header) ? header[0] : header) ?? 'unknown';
        const verdict = await options.throttle.check(email, address);
        // The message reaches the sign-in form as the error (NextAuth passes a thrown message through).
        if (verdict.retryAfter > 0) throw new Error(describeRetry(verdict.retryAfter));
        // Slowed, never locked: failures from elsewhere delay the check for everyone alike (a delay only
        // on failures would tell a guesser early that a password is wrong).
        if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
        const identity = await users.verifyCredentials(email, password);
        if (!identity) {
          await options.throttle.recordFailure(email, address);
          logger.info({ email, address }, 'failed sign-in');
          return null;
        }
        await options.throttle.recordSuccess(email, address);
        return { id: identity.userId, email: identity.email, name: identity.name };
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: 'oidc',
      name: env.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? profile.sub };
      },
    });
  }

  return {
    secret: options.secret,
    useSecureCookies: options.secureCookie,
    session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: env.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    callbacks: {
      // OIDC accounts are provisioned by the secretariat: an unknown email may not sign in.
      async signIn({ user, account }) {
        if (account?.provider === 'credentials') return true;
        if (!user.email) return false;
        return (await users.findIdentityByEmail(user.email)) !== null;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const identity =
            account.provider === 'credentials' ? await users.findIdentity(user.id) : user.email ? await users.findIdentityByEmail(user.email) : null;
          if (!identity) return { ...token, uid: undefined };
          options.onSignIn?.({ userId: identity.userId, email: identity.email, provider: account.provider });
          // sid names this session alone, so that signing out can end it (and only it) everywhere.
          const sid = crypto.randomBytes(18).toString('base64url');
          return { ...token, sub: identity.userId, uid: identity.userId, av: identity.authVersion, sid, name: identity.name, email: identity.email };
        }
        // /api/auth/session reads the cookie through here: a signed-out or outdated session is
        // refused there too (NextAuth answers {} and clears the cookie when this throws).
        const current =
          typeof token.uid === 'string' &&
          typeof token.sid === 'string' &&
          (await (options.isSessionCurrent?.({ userId: token.uid, sid: token.sid, authVersion: token.av }) ?? true));
        if (!current) throw new Error('session ended');
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid } } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== 'string') return;
        try {
          await options.onSignOut?.({ sid: token.sid, userId: typeof token.uid === 'string' ? token.uid : null });
        } catch (err) {
          logger.error({ err }, 'could not record a sign-out; the session stays valid until it expires');
        }
      },
    },
    logger: {
      error: (code, metadata) => logger.warn({ code, err: metadata }, 'next-auth error'),
      warn: (code) => logger.debug({ code }, 'next-auth warning'),
      debug: () => undefined,
    },
  };
}
