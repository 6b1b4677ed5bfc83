import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { AnswerContext } from '@/app/(study)/drill/answer';
import { LOCALE_COOKIE, type AppLocale } from '@/i18n/locales';
import { lockdownNoticeFor } from '@/lib/attempts/lockdown';
import { sessionFrom } from '@/lib/auth/session';
import { nowFor } from '@/lib/clock';
import { cookiesOf } from '@/lib/http/cookies';
import { BODY_BROKEN, bodyTooLarge, type Refusal } from '@/lib/http/request-guards';
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from '@/lib/http/security-headers';
import { localeFor } from '@/lib/i18n/resolve-locale';
import { TEST_CLOCK_COOKIE } from '@/lib/test-clock';
import { answerEndpoint } from './endpoint';

/**
 * POST /api/drill/answer answered by the server process itself (scripts/server.mjs calls this
 * before Next's request handler; instrumentation.ts hands it over at start-up): the same
 * endpoint as route.ts, without Next's request pipeline around it, which cost about as much
 * CPU as grading, recording and choosing the next review together (`npm run bench -- http`).
 * The session, the test clock and the language come from the request's own cookies and
 * headers, as Next's `cookies()` and `headers()` give them to the route; each is read when the
 * endpoint asks, after the body, as the route reads them (the lockdown check included, so an
 * exam started while a body was still arriving locks that answer out).
 */
export async function handleAnswer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cookies = cookiesOf(req.headers.cookie);
  const header = (name: string) => {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  const now = () => nowFor(cookies.get(TEST_CLOCK_COOKIE)?.value);
  // each read once per request, as the route's oncePerRequest reads are
  let session: Promise<string | null> | undefined;
  const userId = () => (session ??= sessionFrom(cookies).then((s) => s?.user.id ?? null));
  let resolved: Promise<AppLocale> | undefined;
  const locale = () => (resolved ??= userId().then((id) => localeFor(id, cookies.get(LOCALE_COOKIE)?.value, header('accept-language'))));
  const context: AnswerContext = {
    userId,
    now: async () => now(),
    lang: async () => ((await locale()) === 'ko' ? 'ko' : 'en'),
    lockdown: async () => {
      const id = await userId();
      return id ? lockdownNoticeFor(id, now(), await locale()) : null;
    },
  };
  const reply = await answerEndpoint({ header, readBody: (maxBytes) => readBody(req, maxBytes) }, context);
  send(req, res, reply.status, JSON.stringify(reply.body));
}

/** The body as text, or a refusal: 413 over `maxBytes` (announced or as it arrives), 400 when it breaks off (as readBodyText). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<{ text: string } | Refusal> {
  const tooLarge = bodyTooLarge(maxBytes);
  if (Number(req.headers['content-length'] ?? Number.NaN) > maxBytes) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  if (req.destroyed || req.readableAborted) return Promise.resolve(BODY_BROKEN);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = (result: { text: string } | Refusal) => {
      req.off('data', onData).off('end', onEnd).off('error', onBroken).off('aborted', onBroken).off('close', onBroken);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.byteLength;
      if (length > maxBytes) {
        req.resume();
        done(tooLarge);
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => done({ text: Buffer.concat(chunks).toString('utf8') });
    const onBroken = () => done(BODY_BROKEN);
    // 'close' before 'end': the connection went away mid-body
    req.on('data', onData).on('end', onEnd).on('error', onBroken).on('aborted', onBroken).on('close', onBroken);
  });
}

/** Shortest reply compressed, as Next's compression does it (1 kB). */
const COMPRESS_FROM_BYTES = 1024;

/** Whether the client takes gzip (Accept-Encoding names gzip or *, without q=0). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((entry) => {
    const [coding, ...params] = entry.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The JSON reply with the headers route.ts's reply carries (withSecurityHeaders, no-store), gzipped as Next's would be. */
function send(req: IncomingMessage, res: ServerResponse, status: number, json: string): void {
  const forwardedProto = req.headers['x-forwarded-proto'];
  // as Next's request URL has it (next-server.js): any https in X-Forwarded-Proto, else the socket
  const https = forwardedProto ? String(forwardedProto).includes('https') : Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV !== 'production', https }),
    ...STATIC_SECURITY_HEADERS,
    Vary: 'Accept-Encoding',
  };
  let body: Buffer = Buffer.from(json, 'utf8');
  if (process.env.LOCKSTEP_COMPRESS !== '0' && body.byteLength >= COMPRESS_FROM_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
    body = zlib.gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.byteLength);
  res.writeHead(status, headers);
  res.end(body);
}
