import createNextIntlPlugin from 'next-intl/plugin';

/** next-intl without locale routing: i18n/request.ts picks each request's language. */
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages stay out of Next's bundles: the custom server owns them, and
  // route code reaches them through the services registry on globalThis.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'ws', 'socket.io', 'yjs', 'y-protocols', 'ioredis'],
};

export default withNextIntl(nextConfig);
