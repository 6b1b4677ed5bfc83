/**
 * Security headers for every page and route, set in proxy.ts (and by `withSecurityHeaders` on the
 * routes its matcher leaves out).
 *
 * The Content-Security-Policy follows Next.js's nonce design: proxy.ts draws a fresh nonce for
 * each request and passes this policy on the request, Next reads the nonce from its
 * `script-src` and puts it on the framework's own scripts, and `'strict-dynamic'` lets those
 * scripts load the route's chunks. Every page is rendered per request (the root layout is
 * dynamic), so a nonce is never cached into HTML.
 *
 * Inline `style="…"` attributes are allowed (`style-src-attr`): the server renders progress
 * bars and heatmap cells with them, and an attribute cannot run script. Inline `<style>`
 * elements and every script still need the nonce. Development adds what `next dev` needs
 * (eval for fast refresh, inline dev-overlay styles); production has no `'unsafe-eval'`.
 */
import staticSecurityHeaders from './static-security-headers.json';

export interface PolicyOptions {
  nonce: string;
  dev: boolean;
  /** The request came over https: ask the browser to upgrade any http subresource. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/**
 * The headers that do not depend on the request (X-Frame-Options for browsers that predate
 * CSP's frame-ancestors). One JSON file, because next.config.js and scripts/server.mjs, which
 * cannot import TypeScript, set them too.
 */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = staticSecurityHeaders;

/** A CSP nonce: 128 random bits, base64 (Next accepts [A-Za-z0-9+/_-] and padding). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The headers proxy.ts sets, with a fresh nonce, for a route its matcher leaves out (a hot JSON
 * route that does its own checks): the same Content-Security-Policy and static headers.
 */
export function withSecurityHeaders<R extends Response>(response: R, { https }: { https: boolean }): R {
  response.headers.set('Content-Security-Policy', contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV !== 'production', https }));
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
