import { describe, expect, it } from 'vitest';
import { MAX_ACTION_ARGS_BYTES, multipartBoundary, multipartChunks, refuseActionArguments, refuseActionOrigin, refuseMultipartAction, refuseMultipartForm, readBodyText, refusePath } from '@/lib/http/request-guards';
import { preferenceCookie } from '@/lib/http/cookies';
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from '@/lib/http/security-headers';

describe('request guards', () => {
  it('refuses paths whose %-escapes do not decode', () => {
    expect(refusePath('/practice/%FF')?.status).toBe(400);
    expect(refusePath('/practice/%E0%A4%A')?.status).toBe(400);
    expect(refusePath('/practice/%')?.status).toBe(400);
    expect(refusePath('/practice/lock-holder')).toBeNull();
    expect(refusePath('/practice/%ED%95%9C')).toBeNull();
  });

  it('refuses server actions from another origin, as Next compares them', () => {
    expect(refuseActionOrigin(null, null, '127.0.0.1:3000')).toBeNull();
    expect(refuseActionOrigin('http://127.0.0.1:3000', null, '127.0.0.1:3000')).toBeNull();
    expect(refuseActionOrigin('https://lockstep.example', 'lockstep.example', '10.0.0.2:3000')).toBeNull();
    expect(refuseActionOrigin('http://evil.example', null, '127.0.0.1:3000')?.status).toBe(403);
    expect(refuseActionOrigin('http://127.0.0.1:3001', null, '127.0.0.1:3000')?.status).toBe(403);
    expect(refuseActionOrigin('null', null, '127.0.0.1:3000')?.status).toBe(403);
    expect(refuseActionOrigin('not a url', null, '127.0.0.1:3000')?.status).toBe(403);
    expect(refuseActionOrigin('http://127.0.0.1:3000', null, null)?.status).toBe(403);
  });

  it('refuses action arguments that are not a JSON list', () => {
    expect(refuseActionArguments('[]')).toBeNull();
    expect(refuseActionArguments('["$K1",{"a":1}]')).toBeNull();
    for (const body of ['"x"', '5', 'null', '{}', '[', '', 'undefined']) expect(refuseActionArguments(body)?.status, body).toBe(400);
    expect(refuseActionArguments(`[${'1,'.repeat(MAX_ACTION_ARGS_BYTES / 2)}1]`)?.status).toBe(413);
  });
});

describe('content security policy', () => {
  it('has a fresh nonce per call, no eval in production, and the framing and base rules', () => {
    const a = newNonce();
    expect(a).not.toBe(newNonce());
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const policy = contentSecurityPolicy({ nonce: a, dev: false, https: false });
    expect(policy).toContain(`script-src 'self' 'nonce-${a}' 'strict-dynamic'`);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy).toContain(d);
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: a, dev: false, https: true })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: a, dev: true, https: false })).toContain("'unsafe-eval'");
  });
});

describe('action reply encoding', () => {
  it('accepts what the app’s clients send', () => {
    for (const body of ['[]', '["$K1"]', '[{"status":"idle"},"$K1"]', '[{"attemptId":"c1","position":0,"response":"$$5"}]', '["$undefined","$D2026-01-01T00:00:00.000Z","$n12","$-0","$I","$N"]']) {
      expect(refuseActionArguments(body), body).toBeNull();
    }
  });

  it('refuses references to parts a crafted request does not have, and deep nesting', () => {
    for (const ref of ['$Q1', '$W1', '$B1', '$h1', '$i1', '$S1', '$l1', '$F1', '$1', '$', '$@1', '$E', '$Z', '$T', '$R1', '$r1', '$X1', `$n${'9'.repeat(301)}`]) {
      expect(refuseActionArguments(JSON.stringify([null, { a: [ref] }]))?.status, ref).toBe(400);
    }
    expect(refuseActionArguments('['.repeat(40) + ']'.repeat(40))?.status).toBe(400);
    expect(refuseActionArguments('['.repeat(100_000) + ']'.repeat(100_000))?.status).toBe(400);
  });

  function multipart(parts: [string, string][], boundary = 'b0undary'): Buffer {
    const body = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('');
    return Buffer.from(`${body}--${boundary}--\r\n`);
  }
  const type = 'multipart/form-data; boundary=b0undary';

  it('finds the JSON chunks of a multipart reply and checks them', async () => {
    expect(refuseMultipartAction(multipart([['_1_code', '$Q1'], ['0', '["$K1"]']]), type)).toBeNull();
    expect(refuseMultipartAction(multipart([['_1_code', 'x']]), type)?.message).toMatch(/missing or repeated/);
    expect(refuseMultipartAction(multipart([['0', '["$K1"]'], ['0', '["$K1"]']]), type)?.message).toMatch(/missing or repeated/);
    expect(refuseMultipartAction(multipart([['0', '[']]), type)?.status).toBe(400);
    expect(refuseMultipartAction(multipart([['0', '["$h1"]']]), type)?.status).toBe(400);
    // The decoder reads any field whose name is a number as a chunk: " " is chunk 0 too; a part without a name is malformed.
    expect(refuseMultipartAction(multipart([[' ', 'not json'], ['0', '["$K1"]']]), type)?.status).toBe(400);
    expect(refuseMultipartAction(multipart([['', '[]'], ['0', '["$K1"]']]), type)?.message).toMatch(/malformed/);
    expect(refuseMultipartAction(multipart([['0x0', '[]'], ['0', '["$K1"]']]), type)?.status).toBe(400);
    expect(refuseMultipartAction(multipart([['1', '{"a":"$Q2"}'], ['0', '["$K1"]']]), type)?.status).toBe(400);
    // A file named like a chunk is a file: the argument list is still missing.
    const fileOnly = Buffer.from(`--b0undary\r\nContent-Disposition: form-data; name="0"; filename="x"\r\n\r\n[]\r\n--b0undary--\r\n`);
    expect(refuseMultipartAction(fileOnly, type)?.message).toMatch(/missing or repeated/);
    expect(refuseMultipartAction(multipart([['0', '"$K1"']]), type)?.status).toBe(400);
    expect(refuseMultipartAction(Buffer.from('no multipart here'), type)?.status).toBe(400);
    expect(refuseMultipartForm(Buffer.from('\xff\xc0'), 'multipart/form-data')?.status).toBe(400);
    expect(refuseMultipartForm(Buffer.from('garbage'), type)?.status).toBe(400);
    expect(refuseMultipartForm(multipart([['a', 'b']]), type)).toBeNull();
    expect(refuseMultipartAction(multipart([['0', '[]']]), 'multipart/form-data')?.status).toBe(400);
    // What a browser (undici here) really sends.
    const form = new FormData();
    form.append('_1_file', new Blob(['{"a":"\r\n--x"}']), 'p.json');
    form.append('_1_confirm', 'on');
    form.append('0', '[{"status":"idle"},"$K1"]');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());
    expect(multipartChunks(body, multipartBoundary(request.headers.get('content-type') as string) as string)).toEqual([{ id: 0, text: '[{"status":"idle"},"$K1"]' }]);
    expect(refuseMultipartAction(body, request.headers.get('content-type') as string)).toBeNull();
  });
});

describe('cookies over https', () => {
  it('the app’s own cookies are Secure exactly when next-auth’s are (NEXTAUTH_URL is https)', () => {
    expect(preferenceCookie(60, 'https://lockstep.example').secure).toBe(true);
    expect(preferenceCookie(60, 'http://127.0.0.1:3000').secure).toBe(false);
    expect(preferenceCookie(60, undefined).secure).toBe(false);
  });
});

describe('readBodyText', () => {
  const streamed = (parts: string[]) =>
    new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('reads a body up to the limit, in UTF-8, with or without Content-Length', async () => {
    expect(await readBodyText(new Request('http://127.0.0.1/x', { method: 'POST', body: '{"a":"한"}' }), 64)).toEqual({ text: '{"a":"한"}' });
    expect(await readBodyText(streamed(['{"a":', '1}']), 64)).toEqual({ text: '{"a":1}' });
    expect(await readBodyText(new Request('http://127.0.0.1/x', { method: 'POST' }), 64)).toEqual({ text: '' });
  });

  it('refuses with 413 a body announced or streamed past the limit, without reading on', async () => {
    expect(await readBodyText(new Request('http://127.0.0.1/x', { method: 'POST', body: 'x'.repeat(65) }), 64)).toMatchObject({ status: 413 });
    // announced: refused before a byte is read
    const announced = new Request('http://127.0.0.1/x', {
      method: 'POST',
      headers: { 'content-length': '65' },
      body: new ReadableStream({
        pull(controller) {
          controller.enqueue(new Uint8Array(65));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(await readBodyText(announced, 64)).toMatchObject({ status: 413 });
    expect(announced.bodyUsed).toBe(false);
    let pulled = 0;
    const endless = new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: new ReadableStream({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(1000));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(await readBodyText(endless, 10_000)).toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(20);
  });

  it('a body that breaks off is a 400, not an exception', async () => {
    const broken = new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"cardId":'));
          controller.error(new Error('aborted'));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(await readBodyText(broken, 1000)).toMatchObject({ status: 400 });
  });
});

describe('next.config.js headers for the answer route', () => {
  it('are the static security headers (what Next answers there by itself, without the proxy)', async () => {
    // @ts-expect-error -- next.config.js is plain JavaScript without declarations
    const config = (await import('../../../next.config.js')).default as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    const answer = rules.find((r) => r.source === '/api/drill/answer');
    expect(Object.fromEntries((answer?.headers ?? []).map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
  });
});
