/**
 * gil-runtime version 2 waits in blocking I/O (a pipe read, select()) as well as sleep():
 * CPython releases the GIL around every blocking system call, so the simulator treats them
 * as sleeps, and the question says so in both languages.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildProgram, buildQuestion, generateScenario } from '@/lib/questions/registry';
import { inLang, type CellText, type Program, type Tier } from '@/lib/questions/types';
import { simulate, type Op, type ProgramSpec } from '@/lib/sim/threads';

const refs = [2, 3].flatMap((tier) => Array.from({ length: 60 }, (_, seed) => ({ generator: 'gil-runtime', version: 2, seed, tier: tier as Tier })));

const plain = (spec: ProgramSpec): ProgramSpec => {
  const strip = (op: Op): Op => (op.kind === 'sleep' ? { kind: 'sleep', ticks: op.ticks } : op);
  return { ...spec, threads: spec.threads.map((t) => ({ ...t, body: t.body.map(strip) })) };
};

describe('gil-runtime v2: blocking I/O releases the GIL like sleep()', () => {
  const withIo = refs.filter((ref) => {
    const spec = (generateScenario(ref).scenario as { spec: ProgramSpec }).spec;
    return spec.threads.some((t) => t.body.some((op) => op.kind === 'sleep' && op.via));
  });

  it('shows both kinds of blocking I/O in a good share of its tier 2 and 3 questions', () => {
    expect(withIo.length).toBeGreaterThan(refs.length / 3);
    const code = withIo.map((ref) => inLang((buildQuestion(ref).prompt.find((b) => b.kind === 'code') as { code: CellText }).code, 'en')).join('\n');
    expect(code).toMatch(/^\s+read_pipe\(\d+\)$/m);
    expect(code).toMatch(/^\s+wait_readable\(\d+\)$/m);
    expect(code).toContain('os.read(r, 1)');
    expect(code).toContain('select.select([a], [], [], seconds)');
  });

  it('takes as long as the same program with sleep(), and says why in both languages', () => {
    for (const ref of withIo) {
      const spec = (generateScenario(ref).scenario as { spec: ProgramSpec }).spec;
      const q = buildQuestion(ref);
      expect(`${simulate(plain(spec)).final.now}s`).toBe(q.answer);
      const said = q.explanation.summary.find((l) => l.en.includes('blocking system call'));
      expect(said?.ko).toContain('블로킹 시스템 호출');
    }
  });

  it('exports programs that define the same blocking calls at their time scale', () => {
    const source = buildProgram(withIo[0] as (typeof refs)[number])?.source ?? '';
    expect(source).toContain('def read_pipe(n):');
    expect(source).toContain('_os.read(r, 1)');
    expect(source).toContain('def wait_readable(n):');
  });
});

describe('gil-runtime v3: the shown program comments in the learner\'s language', () => {
  const shown = (version: number, seed: number, tier: Tier) => (buildQuestion({ generator: 'gil-runtime', version, seed, tier }).prompt.find((b) => b.kind === 'code') as { code: CellText }).code;
  const comments = (code: string) => code.split('\n').filter((l) => l.trimStart().startsWith('#'));

  it('writes the helpers\' comments in Korean for ko and in English for en, the code lines unchanged', () => {
    let io = 0;
    for (const tier of [1, 2, 3] as Tier[]) {
      for (let seed = 0; seed < 20; seed++) {
        const code = shown(3, seed, tier);
        const en = inLang(code, 'en');
        const ko = inLang(code, 'ko');
        expect(typeof code, `seed ${seed}`).toBe('object');
        expect(comments(en).length).toBeGreaterThan(0);
        expect(comments(en).every((l) => !/[가-힣]/.test(l))).toBe(true);
        expect(comments(ko).every((l) => /[가-힣]/.test(l))).toBe(true);
        const code0 = (text: string) => text.split('\n').filter((l) => !l.trimStart().startsWith('#'));
        expect(code0(ko)).toEqual(code0(en));
        // The English text is exactly what version 2 showed for the same scenario.
        expect(en).toBe(inLang(shown(2, seed, tier), 'en'));
        if (en.includes('def read_pipe')) {
          io++;
          expect(ko).toContain('# os.read()는 커널 안에서 기다리며 그동안 GIL을 놓습니다');
        }
      }
    }
    expect(io).toBeGreaterThan(0);
    expect(inLang(shown(3, 0, 1), 'ko')).toContain('# 순수 파이썬 바쁜 루프: CPU 시간이 `seconds`초 필요하며, 도는 동안 GIL을 잡고 있습니다');
  });

  it('version 2 keeps English comments in both languages (released)', () => {
    expect(typeof shown(2, 0, 1)).toBe('string');
  });
});

describe('gil-runtime v4: the exported program\'s clock while CPU work still runs (edition 3)', () => {
  // The helpers of an exported program, without its scenario, then `probe` (Python).
  const helpers = (version: number, probe: string) => {
    const source = (buildProgram({ generator: 'gil-runtime', version, seed: 7, tier: 3 }) as Program).source;
    return `${source.slice(0, source.indexOf('# ---- the scenario'))}\n${probe}\nimport os\nos._exit(0)\n`;
  };
  const python = (source: string) => execFileSync('python3', ['-'], { input: source, encoding: 'utf8' }).trim();

  it('counts no CPU as taken by other processes from a cpu_work call that ran beside one still running (version 3 did: its sleepers woke late)', () => {
    // T2's call ran 0.2 s for 0.1 s of CPU beside T1's, which began at 0 and still runs: they shared the GIL.
    const probe = '_cpu_spans.append((0.0, 0.2, 0.1))\ntry:\n    _running[1] = 0.0\nexcept NameError:\n    pass\nprint("%.3f" % _stolen())';
    expect(python(helpers(3, probe))).toBe('0.100');
    expect(python(helpers(4, probe))).toBe('0.000');
    // Once every call has ended, the gap is CPU other processes took, as before.
    const ended = '_cpu_spans.extend([(0.0, 0.3, 0.15), (0.0, 0.2, 0.1)])\nprint("%.3f" % _stolen())';
    expect(python(helpers(4, ended))).toBe('0.050');
  });

  it('flags a wait that returned later than the tolerance after its tick', () => {
    const probe = ['_T0 = _time.monotonic()', '_setk(0)', '_time.sleep(0.08)', 'sleep(0)', 'print(_json.dumps([d[2] for d in _drift][:1]))'].join('\n');
    // sleep(0) returned 0.8 ticks after tick 0 (the thread was held up).
    expect(python(helpers(4, probe))).toBe('["sleep"]');
    expect(python(helpers(3, probe))).toBe('[]');
  });
});
