import { describe, expect, it } from 'vitest';
import { dropMalformedRouterState, routerStateIsValid } from '@/lib/http/router-state.mjs';
import { answerHandlerFor, serverOptions } from '../../../scripts/server.mjs';

const encoded = (tree: unknown) => encodeURIComponent(JSON.stringify(tree));

describe('the router state header check', () => {
  it('passes the trees the client router sends', () => {
    expect(routerStateIsValid(undefined)).toBe(true);
    expect(routerStateIsValid(encoded(['', { children: ['(study)', { children: ['drill', { children: ['review', { children: ['__PAGE__', {}] }] }] }] }, null, 'refetch']))).toBe(true);
    expect(routerStateIsValid(encoded(['', { children: ['practice', { children: [['generator', 'lock-holder', 'd', null], { children: ['__PAGE__', {}] }] }] }]))).toBe(true);
  });

  it('fails what Next would throw on: not JSON, a bad %-escape, a wrong shape, too large', () => {
    for (const bad of ['x', '%FF', '%7Bx', encoded({}), encoded([]), encoded([1, {}]), encoded(['', { children: 5 }]), encoded(['', {}, null, 'sideways']), encoded(['', {}]) + '%20'.repeat(14_000)]) {
      expect(routerStateIsValid(bad), bad.slice(0, 40)).toBe(false);
    }
  });

  it('drops only a malformed header from the request', () => {
    const good = { 'next-router-state-tree': encoded(['', {}]), rsc: '1' };
    expect(dropMalformedRouterState(good)).toBe(false);
    expect(good['next-router-state-tree']).toBeDefined();
    const bad: Record<string, string> = { 'next-router-state-tree': '%7Bx', rsc: '1' };
    expect(dropMalformedRouterState(bad)).toBe(true);
    expect(bad).toEqual({ rsc: '1' });
    expect(dropMalformedRouterState({})).toBe(false);
  });
});

describe('the server process options', () => {
  it('reads -H, -p and --keepAliveTimeout as next start does', () => {
    expect(serverOptions(['-H', '127.0.0.1', '-p', '4000', '--keepAliveTimeout', '65000'], {})).toEqual({ hostname: '127.0.0.1', port: 4000, keepAliveTimeout: 65000 });
    expect(serverOptions([], { PORT: '5000' })).toEqual({ hostname: '0.0.0.0', port: 5000, keepAliveTimeout: undefined });
  });

  it('refuses what it cannot serve with, in words', () => {
    expect(() => serverOptions(['-p'], {})).toThrow(/needs a value/);
    expect(() => serverOptions(['-p', 'eighty'], {})).toThrow(/not a port/);
    expect(() => serverOptions(['--turbo', 'yes'], {})).toThrow(/unknown option/);
    expect(() => serverOptions(['--keepAliveTimeout', '-5'], {})).toThrow(/milliseconds/);
  });
});

describe("the server process's own drill answer handler", () => {
  const handler = async () => {};
  const registered = { lockstepAnswerHandler: handler };
  it('takes POST /api/drill/answer (with or without a query) once the app handed it over', () => {
    expect(answerHandlerFor({ method: 'POST', url: '/api/drill/answer' }, registered, {})).toBe(handler);
    expect(answerHandlerFor({ method: 'POST', url: '/api/drill/answer?x=1' }, registered, {})).toBe(handler);
  });

  it('leaves everything else to Next: other methods and paths, no handler yet, or LOCKSTEP_ANSWER_THROUGH_NEXT=1', () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'OPTIONS']) expect(answerHandlerFor({ method, url: '/api/drill/answer' }, registered, {}), method).toBeNull();
    for (const url of ['/api/drill/answer/', '/api/drill/answers', '/api/drill', '/drill/review', '//api/drill/answer']) expect(answerHandlerFor({ method: 'POST', url }, registered, {}), url).toBeNull();
    expect(answerHandlerFor({ method: 'POST', url: '/api/drill/answer' }, {}, {})).toBeNull();
    expect(answerHandlerFor({ method: 'POST', url: '/api/drill/answer' }, registered, { LOCKSTEP_ANSWER_THROUGH_NEXT: '1' })).toBeNull();
  });
});
