/**
 * Seeded random inputs for the HTTP fuzz test (tests/e2e/fuzz.spec.ts): action argument
 * lists in both of React's reply encodings (a JSON text body, or multipart form data with the
 * arguments' fields), and requests for the route families. Everything is drawn from one
 * `Rng`, so a seed replays the same requests.
 */
import type { Rng } from '@/lib/sim/rng';

/** One HTTP request the fuzzer sends. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** A short, printable description of what was sent (for failure reports). */
  summary: string;
}

/** Field and key names the app's actions and routes read, so random inputs reach past "missing field". */
const NAMES = [
  'code', 'locale', 'theme', 'topic', 'count', 'minutes', 'name', 'email', 'password', 'role', 'file', 'confirm', 'items', 'setId',
  'classId', 'userId', 'assignmentId', 'attemptId', 'position', 'response', 'durationMs', 'logId', 'rating', 'cardId', 'generator',
  'seed', 'tier', 'answer', 'desiredRetention', 'newPerDay', 'reviewsPerDay', 'timeZone', 'examDate', 'title', 'kind', 'opensAt',
  'dueAt', 'attemptsAllowed', 'seedPolicy', 'showAnswers', 'latePolicy', 'latePenalty', 'timeLimitMinutes', 'lang', 'callbackUrl',
  'csrfToken', 'redirect', 'json', '__proto__', 'constructor', '',
];

/** Values that mean something to the app or to React's reply decoder. */
const SPECIAL_STRINGS = [
  '', ' ', 'on', 'off', 'ko', 'en', 'dark', 'light', 'system', 'lock', 'cow', 'STUDENT', 'INSTRUCTOR', 'ADMIN', 'lock-holder', 'null',
  'undefined', 'NaN', 'Infinity', '-1', '0', '1', '3', '1e309', '0x10', '2026-02-30T25:61', '2026-12-03T10:00', '9999-12-31',
  'Europe/Nowhere', 'Asia/Seoul', '[]', '{}', '[{"generator":"lock-holder","tier":1,"count":2}]', '{"a":', '$undefined', '$K1',
  '$K2', '$Q1', '$W1', '$@1', '$@9999', '$D2026-01-01', '$Dnope', '$n123', `$n${'9'.repeat(400)}`, '$T', '$h1', '$F1', '$B1', '$I',
  '$-0', '$S1', '$$', '$', '$Z', '$R1', '$r1', '$X1', '$x1', '$i1', '$l1', '$E', '../../etc/passwd', '<script>alert(1)</script>',
  "' OR 1=1 --", '=HYPERLINK("http://x/?"&A1,"grade")', '+SUM(1,1)', '\u0000', '\ud800', '\udfff\ud800', 'é', '한국어',
  '\u202e\u0000\r\n\t', 'a'.repeat(257),
];

function randomText(rng: Rng, max = 40): string {
  const alphabets = ['abcdefghijklmnopqrstuvwxyz0123456789-_', ' \t\r\n!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~', 'ㄱ한국어éß中文😀\u0301\u200b\ufeff'];
  const alphabet = Array.from(rng.pick(alphabets));
  let out = '';
  const length = rng.int(0, max);
  for (let i = 0; i < length; i++) out += rng.pick(alphabet);
  return out;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** encodeURIComponent for any string (a lone surrogate, which it refuses, becomes U+FFFD). */
export function encodeText(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'));
}

/** A string of any size the fuzzer tries, now and then very large. */
export function randomString(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.35) return rng.pick(SPECIAL_STRINGS);
  if (roll < 0.9) return randomText(rng);
  if (roll < 0.995) return rng.pick(['x', '9', ' ', 'é', '$']).repeat(rng.int(1_000, 20_000));
  return 'y'.repeat(rng.int(100_000, 300_000));
}

function randomNumber(rng: Rng): number {
  return rng.pick([0, -1, 1, 2, 3, 0.5, -0.0, 1e21, -1e21, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, rng.int(-1000, 1000), rng.next()]);
}

/** A JSON value, nested up to `depth`, whose object keys are mostly names the app reads. */
export function randomJson(rng: Rng, depth = 3): unknown {
  const roll = rng.int(0, depth > 0 ? 9 : 5);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.bool();
    case 2:
    case 3:
      return randomNumber(rng);
    case 4:
    case 5:
      return randomString(rng);
    case 6:
    case 7:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: rng.int(0, 5) }, () => [rng.bool(0.8) ? rng.pick(NAMES) : randomText(rng, 12), randomJson(rng, depth - 1)]));
  }
}

/** Bytes that are not UTF-8 (lone continuation bytes, overlong forms, a truncated sequence). */
function badUtf8(rng: Rng): Uint8Array<ArrayBuffer> {
  const pieces = [[0xff], [0xc0, 0xaf], [0xe0, 0x80], [0xed, 0xa0, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80]];
  const bytes: number[] = [];
  for (let i = rng.int(1, 6); i > 0; i--) bytes.push(...rng.pick(pieces), ...Buffer.from(randomText(rng, 5)));
  return Uint8Array.from(bytes);
}

function randomFormValue(rng: Rng): string | Blob {
  const roll = rng.next();
  if (roll < 0.75) return randomString(rng);
  if (roll < 0.85) return JSON.stringify(randomJson(rng, 2));
  if (roll < 0.92) return new Blob([badUtf8(rng)]);
  return new Blob([rng.bool() ? JSON.stringify(randomJson(rng)) : randomString(rng)], { type: rng.pick(['application/json', 'text/plain', '']) });
}

/** The React reply root for a form action: `[formData]` or `[prevState, formData]`, or something else. */
function randomRoot(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.35) return '["$K1"]';
  if (roll < 0.7) return JSON.stringify([randomJson(rng, 1), '$K1']);
  if (roll < 0.85) return JSON.stringify(Array.from({ length: rng.int(0, 3) }, () => randomJson(rng, 2)));
  return rng.pick(['', '"$K1"', '$K1', '[', 'null', '["$K2"]', '["$Q1"]', '["$@1"]', '["$T"]', '["$h1"]', '["$B1"]', '{"0":"$K1"}']);
}

function randomForm(rng: Rng): FormData {
  const form = new FormData();
  const prefix = rng.pick(['_1_', '_1_', '_1_', '_2_', '1_', '']);
  for (let i = rng.int(0, 6); i > 0; i--) {
    const name = prefix + (rng.bool(0.85) ? rng.pick(NAMES) : randomText(rng, 10));
    const value = randomFormValue(rng);
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, rng.pick(['progress.json', 'x', '../../x.json', '한.json']));
  }
  // React writes the root last; sometimes it is missing, first, or doubled.
  const at = rng.next();
  if (at < 0.85) form.append('0', randomRoot(rng));
  else if (at < 0.93) {
    form.append('0', randomRoot(rng));
    form.append('0', randomRoot(rng));
  }
  return form;
}

/** A call of the server action `actionId` posted to `path`, in one of the ways a client can encode it. */
export function actionRequest(rng: Rng, actionId: string, path: string): FuzzRequest {
  const headers: Record<string, string> = { 'next-action': actionId, accept: 'text/x-component' };
  const roll = rng.next();
  if (roll < 0.45) {
    const args = Array.from({ length: rng.int(0, 4) }, () => randomJson(rng));
    headers['content-type'] = 'text/plain;charset=UTF-8';
    const body = JSON.stringify(args);
    return { method: 'POST', path, headers, body, summary: `json ${body.slice(0, 160)}` };
  }
  if (roll < 0.85) {
    const body = randomForm(rng);
    const fields = [...body.entries()].map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v.slice(0, 30)) : `<file ${v.size}B>`}`);
    return { method: 'POST', path, headers, body, summary: `multipart ${fields.join(' ').slice(0, 200)}` };
  }
  if (roll < 0.93) {
    const body = rng.pick<string | Uint8Array>(['"x"', '5', 'null', '{}', '[', '', '[1,', 'undefined', JSON.stringify(randomJson(rng, 2)), badUtf8(rng)]);
    headers['content-type'] = rng.pick(['text/plain;charset=UTF-8', 'application/json', 'text/x-component']);
    return { method: 'POST', path, headers, body, summary: `raw ${typeof body === 'string' ? body.slice(0, 80) : `<${body.length} bad bytes>`}` };
  }
  // Odd transports: urlencoded, no content type, a GET, an unknown or malformed action id.
  const variant = rng.int(0, 3);
  if (variant === 0) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { method: 'POST', path, headers, body: `0=${encodeText(randomRoot(rng))}&_1_code=x`, summary: 'urlencoded' };
  }
  if (variant === 1) return { method: 'POST', path, headers, body: '[]', summary: 'no content-type' };
  if (variant === 2) return { method: 'GET', path, headers, summary: 'GET with next-action' };
  headers['next-action'] = rng.pick(['', 'x', '0'.repeat(42), actionId.slice(0, -1), `${actionId}00`, '%FF', 'ä']);
  headers['content-type'] = 'text/plain;charset=UTF-8';
  return { method: 'POST', path, headers, body: '[]', summary: `action id ${JSON.stringify(headers['next-action'])}` };
}

/** A path segment: plausible, random, percent-encoded (well or badly), or long. */
export function randomSegment(rng: Rng, plausible: readonly string[]): string {
  const roll = rng.next();
  if (roll < 0.3 && plausible.length) return rng.pick(plausible);
  if (roll < 0.6) return encodeText(randomText(rng, 30)) || 'x';
  if (roll < 0.75) return rng.pick(['%FF', '%E0%A4%A', '%', '%%', '%C0%AF', '%ED%A0%80', '%00', '..', '.', '%2F', '%2e%2e', 'a%20b', '%F0%9F%98%80']);
  if (roll < 0.85) return rng.pick(['0', '-1', '1e9', 'null', 'undefined', '[id]', 'c'.padEnd(25, '0'), "'", '"']);
  if (roll < 0.95) return encodeText(randomString(rng).slice(0, 3000)) || 'x';
  return 'z'.repeat(rng.int(5_000, 12_000));
}

/** A query string of random pairs, with names the pages read. */
export function randomQuery(rng: Rng): string {
  if (rng.bool(0.2)) return '';
  const pairs = Array.from({ length: rng.int(1, 4) }, () => {
    const name = rng.bool(0.8) ? rng.pick(['tier', 'seed', 'lang', 'topic', 'saved', 'callbackUrl', 'error', 'page', 'q']) : randomText(rng, 8);
    const value = rng.bool(0.2) ? rng.pick(['%FF', '%', '%E0%A4%A']) : encodeText(rng.bool(0.5) ? String(randomNumber(rng)) : randomString(rng).slice(0, 2000));
    return `${encodeText(name)}=${value}`;
  });
  return `?${pairs.join('&')}`;
}

/** A body for a route that does not expect one (or expects a form): form, JSON, bad bytes or nothing. */
export function randomRouteBody(rng: Rng): { headers: Record<string, string>; body?: string | Uint8Array | FormData } {
  const roll = rng.int(0, 4);
  if (roll === 0) return { headers: {} };
  if (roll === 1) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(randomJson(rng)) };
  if (roll === 2) {
    const pairs = Array.from({ length: rng.int(0, 5) }, () => `${encodeText(rng.pick(NAMES))}=${encodeText(randomString(rng).slice(0, 500))}`);
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: pairs.join('&') };
  }
  if (roll === 3) return { headers: { 'content-type': rng.pick(['text/plain', 'application/octet-stream', 'multipart/form-data']) }, body: badUtf8(rng) };
  return { headers: {}, body: randomForm(rng) };
}

/**
 * The headers the client router sends with an RSC request (`rsc`, the router state tree, the
 * prefetch kinds, `next-url`): mostly a real tree with one part spoiled, else random text,
 * JSON of any shape, bad %-escapes or a tree over Next's size limit.
 */
export function randomRouterHeaders(rng: Rng): Record<string, string> {
  const tree: unknown[] = ['', { children: [rng.pick(['practice', '(study)', 'drill', randomText(rng, 12)]), { children: ['__PAGE__', {}] }] }, null, 'refetch'];
  const roll = rng.int(0, 5);
  if (roll === 0) tree[rng.int(0, 5)] = randomJson(rng);
  const state =
    roll <= 1
      ? encodeText(JSON.stringify(tree))
      : roll === 2
        ? encodeText(JSON.stringify(randomJson(rng)))
        : roll === 3
          ? rng.pick(['%FF', '%', '%7B', '[', '{}', '%5B%22%22%2C%7B%7D%5D%ZZ'])
          : roll === 4
            ? encodeText(randomString(rng).slice(0, 3000))
            : encodeText(JSON.stringify(['', { children: ['x', {}] }])).padEnd(rng.int(40_001, 60_000), '%20');
  const headers: Record<string, string> = { rsc: rng.pick(['1', '1', '0', '', 'x']), 'next-router-state-tree': state };
  if (rng.bool(0.3)) headers['next-router-prefetch'] = rng.pick(['1', '2', '3', 'x']);
  if (rng.bool(0.2)) headers['next-router-segment-prefetch'] = rng.pick(['/_tree', '/_index', '/practice', encodeText(randomText(rng, 20))]);
  if (rng.bool(0.2)) headers['next-url'] = rng.pick(['/practice', '/drill/review', encodeText(randomText(rng, 30)), '%FF']);
  return headers;
}
