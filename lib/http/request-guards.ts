/**
 * Requests the framework would answer with a 500 are refused early, in proxy.ts, with a
 * 4xx and a plain message: a path whose %-escapes do not decode, a server-action call from
 * another origin, and an action call whose arguments are not an argument list. Each check
 * is a pure function of the request's parts so it can be tested without a server.
 */

export interface Refusal {
  status: 400 | 403 | 413;
  message: string;
}

/** Paths are decoded by the router for dynamic segments; `/practice/%FF` must be a 400, not a throw. */
export function refusePath(pathname: string): Refusal | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 400, message: 'Bad request: the address has a malformed %-escape.' };
  }
}

/**
 * A server action may only be called from a page of this site. Next compares the Origin
 * header's host with X-Forwarded-Host (else Host) and throws when they differ; the same rule
 * here answers 403. No Origin header (a hand-made request, which carries no browser's
 * cookies unasked) is left to Next, which lets it through as it always has.
 */
export function refuseActionOrigin(origin: string | null, forwardedHost: string | null, host: string | null): Refusal | null {
  if (origin === null) return null;
  const expected = forwardedHost?.split(',')[0]?.trim() || host;
  let originHost: string | null = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== null && expected && originHost === expected) return null;
  return { status: 403, message: 'Forbidden: server actions can only be called from this site.' };
}

/** Largest argument list (JSON text) any action takes; files go as multipart form data instead. */
export const MAX_ACTION_ARGS_BYTES = 1024 * 1024;
/** Deepest nesting of an argument the app's actions take (their inputs are flat forms and small objects). */
const MAX_DEPTH = 32;

/**
 * The `$`-prefixed strings of React's reply encoding that this app's clients send: escaped
 * strings (`$$…`), undefined, a FormData (`$K`), a Date, special numbers and BigInts. Other
 * references (promises, streams, blobs, maps, outlined chunks) point at parts a crafted
 * request does not have, and the framework's decoder throws on them before the action runs.
 */
const SUPPORTED_REFERENCE = /^\$(\$|undefined$|K[0-9a-f]+$|D|-0$|I$|-I$|N$|n-?\d{1,300}$)/;

const bad = (message: string): Refusal => ({ status: 400, message: `Bad request: ${message}` });

/** Checks one JSON chunk of an action reply; the root chunk must be the argument list. */
export function refuseReplyJson(text: string, { root }: { root: boolean }): Refusal | null {
  if (text.length > MAX_ACTION_ARGS_BYTES) return { status: 413, message: 'Payload too large: action arguments are limited to 1 MB.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('action arguments are not valid JSON.');
  }
  if (root && !Array.isArray(value)) return bad('action arguments must be a list.');
  // Iterative walk: a crafted argument may nest deeper than the call stack.
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item === 'string') {
      if (item.startsWith('$') && !SUPPORTED_REFERENCE.test(item)) return bad('action arguments use an unsupported encoding.');
    } else if (item !== null && typeof item === 'object') {
      if (depth >= MAX_DEPTH) return bad('action arguments are nested too deeply.');
      for (const child of Object.values(item)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** A fetch action sent as text carries its arguments as one JSON array (React's reply encoding). */
export function refuseActionArguments(body: string): Refusal | null {
  return refuseReplyJson(body, { root: true });
}

/** The boundary of a multipart/form-data content type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? ((match[1] ?? match[2]) as string) : null;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * The parts of a multipart/form-data body that React's decoder reads as JSON chunks, or null
 * when the body is not well-formed multipart. The decoder takes a field (not a file) as chunk
 * `+name` whenever that is a number, so "0", " " and "0x0" all name the argument list;
 * form fields proper are prefixed ("_1_code"). Only searches for boundaries (Buffer.indexOf), so a
 * 20 MB upload costs milliseconds.
 */
export function multipartChunks(body: Buffer, boundary: string): { id: number; text: string }[] | null {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at === -1) return null;
  const chunks: { id: number; text: string }[] = [];
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return chunks;
    if (!body.subarray(at, at + 2).equals(CRLF)) return null;
    const headersEnd = body.indexOf(HEADER_END, at);
    if (headersEnd === -1) return null;
    const headers = body.subarray(at + 2, headersEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd);
    if (next === -1) return null;
    const name = /content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1];
    // A part without a name makes the framework's decoder throw; no browser sends one.
    if (!name) return null;
    // A part with a filename is a file (a FormData entry), never a chunk.
    const id = Number(name);
    if (!Number.isNaN(id) && !/;\s*filename\*?=/i.test(headers)) chunks.push({ id, text: body.subarray(headersEnd + 4, next).toString('utf8') });
    at = next + 2;
  }
}

/** Any multipart POST must be well-formed: Next parses it as a possible form action and throws on a broken one. */
export function refuseMultipartForm(body: Buffer, contentType: string): Refusal | null {
  const boundary = multipartBoundary(contentType);
  return boundary && multipartChunks(body, boundary) ? null : bad('malformed multipart form data.');
}

/** A fetch action sent as multipart: exactly one argument list ("0"), every JSON chunk in the supported encoding. */
export function refuseMultipartAction(body: Buffer, contentType: string): Refusal | null {
  const boundary = multipartBoundary(contentType);
  const chunks = boundary ? multipartChunks(body, boundary) : null;
  if (!chunks) return bad('malformed multipart form data.');
  if (chunks.filter((c) => c.id === 0).length !== 1) return bad('the action argument list is missing or repeated.');
  for (const chunk of chunks) {
    const refusal = refuseReplyJson(chunk.text, { root: chunk.id === 0 });
    if (refusal) return refusal;
  }
  return null;
}

/** The refusal of a body longer than `maxBytes`. */
export const bodyTooLarge = (maxBytes: number): Refusal => ({ status: 413, message: `Payload too large: the limit is ${maxBytes} bytes.` });

/** The refusal of a body that broke off (the client went away mid-body). */
export const BODY_BROKEN: Refusal = { status: 400, message: 'Bad request: the body ended before it was complete.' };

/**
 * A request body as text, or a refusal: 413 when it is longer than `maxBytes` (announced or as it
 * arrives: a body without Content-Length is read only up to the limit), 400 when it breaks off.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<{ text: string } | Refusal> {
  const tooLarge = bodyTooLarge(maxBytes);
  const announced = Number(request.headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) return tooLarge;
  if (!request.body) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    // the client went away mid-body
    return BODY_BROKEN;
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
