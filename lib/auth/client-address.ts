/**
 * The client address that sign-in and sign-up limits are keyed by.
 *
 * Next.js 16 hands route handlers and server actions no socket. `next start` records the peer
 * address in `X-Forwarded-For` when the request has none, and passes a header the client sent
 * through unchanged. So the address is read from that header, counting from the right:
 *
 * - LOCKSTEP_TRUSTED_PROXIES=0 (default, browsers talk to `next start` directly) or 1 (one
 *   reverse proxy that appends the peer it saw, e.g. nginx `$proxy_add_x_forwarded_for`): the
 *   rightmost entry. Behind the proxy that entry is exact. Served directly, a client that sends
 *   its own header chooses its own address: it then escapes only the per-client limits, while
 *   the per-email delay and the password queue bound still hold. Production should run behind
 *   a proxy.
 * - N ≥ 2 proxies in a chain, each appending: the N-th entry from the right.
 *
 * IPv6 addresses are keyed by their /64 network (one host usually owns a whole /64), IPv4-mapped
 * IPv6 as IPv4. Anything that is not an IP address is keyed as "unknown", one shared bucket.
 */
import { isIP, isIPv4 } from 'node:net';
import { z } from 'zod';

export const UNKNOWN_CLIENT = 'unknown';

const trustedProxiesSchema = z.coerce
  .number({ error: 'LOCKSTEP_TRUSTED_PROXIES must be a whole number of reverse proxies (0–10)' })
  .int({ error: 'LOCKSTEP_TRUSTED_PROXIES must be a whole number of reverse proxies (0–10)' })
  .min(0)
  .max(10, { error: 'LOCKSTEP_TRUSTED_PROXIES must be a whole number of reverse proxies (0–10)' });

let trustedProxiesCache: number | undefined;

/** LOCKSTEP_TRUSTED_PROXIES, validated once; a malformed value is a clear error. */
export function trustedProxies(): number {
  trustedProxiesCache ??= trustedProxiesSchema.parse(process.env.LOCKSTEP_TRUSTED_PROXIES?.trim() || '0');
  return trustedProxiesCache;
}

/** Expands an IPv6 address to eight groups, or null if it is malformed. */
function ipv6Groups(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
}

/** The key for one address as written in the header (port and brackets allowed). */
export function normalizeAddress(raw: string): string {
  let value = raw.trim().toLowerCase();
  if (value.length > 100) return UNKNOWN_CLIENT;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%.*$/, ''); // zone id
  if (value.startsWith('::ffff:') && isIPv4(value.slice(7))) return value.slice(7);
  const kind = isIP(value);
  if (kind === 4) return value;
  if (kind !== 6) return UNKNOWN_CLIENT;
  const groups = ipv6Groups(value);
  if (!groups) return UNKNOWN_CLIENT;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The client address from an `X-Forwarded-For` value, given how many proxies are trusted. */
export function clientAddressFrom(forwardedFor: string | null | undefined, proxies: number): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return UNKNOWN_CLIENT;
  const index = Math.max(0, entries.length - Math.max(1, proxies));
  return normalizeAddress(entries[index] as string);
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** The client address of a request, from its headers (a Headers object or next-auth's plain object). */
export function clientAddress(headers: HeaderSource | undefined): string {
  if (!headers) return UNKNOWN_CLIENT;
  const raw = typeof headers.get === 'function' ? (headers as { get(name: string): string | null }).get('x-forwarded-for') : (headers as Record<string, string | string[] | undefined>)['x-forwarded-for'];
  return clientAddressFrom(Array.isArray(raw) ? raw.join(',') : raw, trustedProxies());
}
