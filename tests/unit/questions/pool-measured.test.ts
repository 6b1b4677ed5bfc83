/**
 * The measured pool questions (fastest-executor and pool-overhead from version 4): what the oracle reads from a
 * real run (judgeTimings: a disturbed or too-close run is NOISY, never an answer), the clear
 * winner rule, and the program being the shown English code.
 */
import { describe, expect, it } from 'vitest';
import { breakEvenCode, calibrationFor, clearWinner, judgeTimings, measuredRanking, msText, rankingCode, type MeasuredScenario } from '@/lib/questions/pool/measured';
import type { BreakEvenScenario } from '@/lib/questions/pool/pool-overhead';
import { rankingCheck } from '@/lib/questions/pool/fastest-executor';
import { buildProgram, buildQuestion, generateScenario } from '@/lib/questions/registry';
import { inLang, type PromptBlock, type TimingCheck, type Tier } from '@/lib/questions/types';

const ranking: TimingCheck = { kind: 'ranking', runners: { serial: 'loop', threads: 'thread_pool', 'pool-map': 'pool_map' }, loopWorkMs: 400 };
const out = (loop: number, threads: number, pool: number, again = loop) =>
  [`loop         ${loop.toFixed(1)} ms`, `thread_pool  ${threads.toFixed(1)} ms`, `pool_map     ${pool.toFixed(1)} ms`, `loop_again   ${again.toFixed(1)} ms`].join('\n');

describe('judgeTimings: ranking programs', () => {
  it('a clean run answers the fastest option', () => {
    expect(judgeTimings(ranking, out(401.2, 402.5, 215.3))).toEqual({ kind: 'clean', answer: 'pool-map' });
    expect(judgeTimings(ranking, out(401.2, 120, 215.3))).toEqual({ kind: 'clean', answer: 'threads' });
  });

  it('a loop slower than its work allows (before or after the others) is NOISY, whatever the ranking', () => {
    expect(judgeTimings(ranking, out(560, 600, 300)).kind).toBe('noisy');
    expect(judgeTimings(ranking, out(401, 402, 215, 700)).kind).toBe('noisy');
  });

  it('the two fastest within 10 % of each other are too close to call', () => {
    expect(judgeTimings(ranking, out(401, 402, 390))).toMatchObject({ kind: 'noisy' });
  });

  it('a run that printed no time for an option is unreadable, not an answer', () => {
    expect(judgeTimings(ranking, 'loop 401.0 ms\npool_map 215.0 ms\n').kind).toBe('unreadable');
  });
});

describe('judgeTimings: break-even programs', () => {
  const check: TimingCheck = { kind: 'break-even', items: 10, candidates: [0.1, 1, 10] };
  const line = (w: number, loop: number, pool: number) => `ms=${String(w).padEnd(6)} loop ${loop.toFixed(1).padStart(9)} ms   pool ${pool.toFixed(1).padStart(9)} ms`;

  it('answers the first value where the pool wins', () => {
    expect(judgeTimings(check, [line(0.1, 1.1, 15), line(1, 10.2, 16), line(10, 100.5, 62)].join('\n'))).toEqual({ kind: 'clean', answer: '10' });
    expect(judgeTimings(check, [line(0.1, 1.1, 15), line(1, 10.2, 16), line(10, 160, 100)].join('\n')).kind).toBe('noisy');
  });

  it('is NOISY when the pool and the loop are too close at the answer or just before it', () => {
    expect(judgeTimings(check, [line(0.1, 1.1, 15), line(1, 10.2, 10.9), line(10, 100.5, 62)].join('\n')).kind).toBe('noisy');
  });
});

describe.each([4, 5])('fastest-executor version %i', (version) => {
  it('asks only for a clear winner, and its answer is the measured model\'s fastest; every answer occurs', () => {
    const answers = new Set<string>();
    for (const tier of [1, 2, 3] as Tier[]) {
      for (let seed = 0; seed < 20; seed++) {
        const ref = { generator: 'fastest-executor', version, seed, tier };
        const s = generateScenario(ref).scenario as MeasuredScenario;
        const answer = buildQuestion(ref).answer as string;
        expect(clearWinner(calibrationFor(version), s), `t${tier} seed ${seed}`).toBe(answer);
        answers.add(answer);
      }
    }
    expect([...answers].sort()).toEqual(['pool-map', 'serial', 'threads']);
  });

  it('the program is the English code shown, and its check names every option', () => {
    const ref = { generator: 'fastest-executor', version, seed: 11, tier: 2 as Tier };
    const q = buildQuestion(ref);
    const program = buildProgram(ref);
    const code = q.prompt.find((b): b is Extract<PromptBlock, { kind: 'code' }> => b.kind === 'code');
    expect(program?.source).toBe(code ? inLang(code.code, 'en') : undefined);
    expect(inLang(code?.code ?? '', 'ko')).toMatch(/# .*[가-힣]/);
    const options = q.response.kind === 'choice' ? q.response.options.map((o) => o.id) : [];
    expect(program?.check?.kind === 'ranking' ? Object.keys(program.check.runners).sort() : []).toEqual([...options].sort());
  });

  it('a scenario whose top two are close is no clear winner (imap and map with one item per chunk tie)', () => {
    const s: MeasuredScenario = { tier: 2, items: 8, cpuMs: 50, ioMs: 0, workers: 2, options: ['serial', 'threads', 'pool-map', 'pool-imap'] };
    const c = calibrationFor(version);
    expect(clearWinner(c, s)).toBeNull();
    const clear: MeasuredScenario = { ...s, options: ['serial', 'threads', 'pool-map'] };
    expect(clearWinner(c, clear)).toBe('pool-map');
    expect(measuredRanking(c, clear)[0]?.id).toBe('pool-map');
    expect(rankingCode(clear, 'en')).toContain('times["loop_again"] = timed(loop)');
    expect(rankingCheck(clear)).toEqual({ kind: 'ranking', runners: { serial: 'loop', threads: 'thread_pool', 'pool-map': 'pool_map' }, loopWorkMs: 400 });
  });
});

describe.each([4, 5])('pool-overhead version %i', (version) => {
  it('the answer is a candidate after the first, the loop winning just before it; the program is the shown English code and its check lists the candidates', () => {
    const answers = new Set<string>();
    for (const tier of [1, 2, 3] as Tier[]) {
      for (let seed = 0; seed < 12; seed++) {
        const ref = { generator: 'pool-overhead', version, seed, tier };
        const s = generateScenario(ref).scenario as BreakEvenScenario;
        const q = buildQuestion(ref);
        const program = buildProgram(ref);
        const i = s.candidates.findIndex((w) => msText(w) === q.answer);
        expect(i, `t${tier} seed ${seed}`).toBeGreaterThanOrEqual(1);
        expect(program?.check).toEqual({ kind: 'break-even', items: s.items, candidates: s.candidates });
        const code = q.prompt.find((b): b is Extract<PromptBlock, { kind: 'code' }> => b.kind === 'code');
        expect(program?.source).toBe(code ? inLang(code.code, 'en') : undefined);
        expect(program?.source).toContain(`for ms in (${s.candidates.map(msText).join(', ')}):`);
        expect(s.argBytes === undefined).toBe(tier === 1);
        answers.add(`${q.answer}`);
      }
    }
    expect(answers.size).toBeGreaterThanOrEqual(3);
  });

  it('the break-even program runs the work with the amount it is timing, in the loop and in the pool', () => {
    const s: BreakEvenScenario = { tier: 1, items: 16, cpuMs: 0.1, ioMs: 0, workers: 2, options: ['serial', 'pool-map'], candidates: [0.1, 1, 10] };
    const code = breakEvenCode(s, s.candidates, 'en');
    expect(code).toContain('    return [work(ms, x) for x in data]');
    expect(code).toContain('    results = pool.map(partial(work, ms), data)');
  });
});
