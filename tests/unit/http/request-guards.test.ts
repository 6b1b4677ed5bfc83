import { describe, expect, it } from 'vitest';
import { MAX_ACTION_ARGS_BYTES, refuseActionArguments, refuseActionOrigin, refusePath } from '@/lib/http/request-guards';
import { contentSecurityPolicy, newNonce } from '@/lib/http/security-headers';

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
