// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

// Messages are precompiled at build time, so the browser formats them without intl-messageformat
// (~12 kB gzip on every page; issue 16's JS budget). The paths are i18n/request.ts's message files.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    messages: { path: ['./messages', './messages/stats', './messages/exams', './messages/teach', './messages/grading'], format: 'json', locales: 'infer', precompile: true },
  },
});

/** The static security headers (lib/http/security-headers.ts's STATIC_SECURITY_HEADERS, from the same file). */
const STATIC_HEADERS = require('./lib/http/static-security-headers.json');

/** @type {import('next').NextConfig} */
const nextConfig = {
  images: { unoptimized: true },
  poweredByHeader: false,
  // gzip of every response costs the server CPU on each request: behind a reverse proxy that
  // compresses (nginx `gzip on`), start with LOCKSTEP_COMPRESS=0 and leave it to the proxy.
  compress: process.env.LOCKSTEP_COMPRESS !== '0',
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@open-spaced-repetition/binding'],
  experimental: {
    authInterrupts: true,
    // Progress imports (JSON files up to 20 MB) go through a server action behind the auth proxy.
    serverActions: { bodySizeLimit: '21mb' },
    proxyClientMaxBodySize: '21mb',
  },
  // The drill answer route runs without proxy.ts (its matcher): its handlers set every security
  // header themselves, and these static ones also cover what Next answers there by itself (an
  // unknown method, an error page).
  async headers() {
    return [{ source: '/api/drill/answer', headers: Object.entries(STATIC_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  // `npm test` type-checks the whole project (tsc --noEmit) as its own stage before building.
  typescript: { ignoreBuildErrors: true },
};

module.exports = withNextIntl(nextConfig);
