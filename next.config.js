// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  images: { unoptimized: true },
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  experimental: { authInterrupts: true },
};

module.exports = withNextIntl(nextConfig);
