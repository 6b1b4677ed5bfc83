/**
 * One contract for every registered generator (threads, memory, …): determinism, answers
 * that match a fresh re-simulation, JSON-safe questions, explanations, both languages,
 * grading, and tie-freedom where the generator can check it.
 */
import { describe, expect, it } from 'vitest';
import { hashSeed, MAX_SEED, MAX_SEED_32 } from '@/lib/sim/rng';
import { grade } from '@/lib/questions/grade';
import { buildQuestion, checkRef, generateScenario, isTieFree, listGenerators, questionOf } from '@/lib/questions/registry';
import type { Answer, Question, QuestionRef, ResponseSpec } from '@/lib/questions/types';

const TOPICS = ['objects', 'targets', 'compile', 'pool', 'cow', 'daemon', 'event', 'lock'];
const SEEDS = [0, 1, 2, 7, 42, 1234, MAX_SEED_32, hashSeed('contract'), MAX_SEED, 2 ** 48 + 12345];

/** Every `{ en, ko }` pair anywhere in a value. */
function localizedIn(value: unknown, path = '$', out: { path: string; en: unknown; ko: unknown }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => localizedIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('en' in o || 'ko' in o) out.push({ path, en: o.en, ko: o.ko });
    for (const [k, v] of Object.entries(o)) localizedIn(v, `${path}.${k}`, out);
  }
  return out;
}

/** A response that must be graded wrong, or null when the spec leaves no wrong answer. */
function wrongResponse(spec: ResponseSpec, answer: Answer): unknown {
  switch (spec.kind) {
    case 'choice':
      return spec.options.find((o) => o.id !== answer)?.id ?? null;
    case 'multi': {
      const right = new Set(answer as readonly string[]);
      const first = spec.options[0];
      if (!first) return null;
      return right.has(first.id) ? [...right].filter((id) => id !== first.id) : [...right, first.id];
    }
    case 'ordering':
      return spec.items.length > 1 ? [...(answer as readonly string[])].reverse() : null;
    case 'number': {
      const step = (spec.tolerance ?? 0) + 1;
      const up = (answer as number) + step;
      const down = (answer as number) - step;
      if (spec.max === undefined || up <= spec.max) return up;
      if (spec.min === undefined || down >= spec.min) return down;
      return null;
    }
    case 'text':
      return `${String(answer)} x`;
    case 'schedule':
      return answer === 'impossible' ? [] : 'impossible';
  }
}

const generators = listGenerators();

describe('the generator contract', () => {
  it('has generators registered', () => {
    expect(generators.length).toBeGreaterThan(0);
  });

  for (const g of generators) {
    describe(`${g.id}@${g.version}`, () => {
      it('declares a kebab-case id, a topic, a domain and tiers', () => {
        expect(g.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(TOPICS).toContain(g.topic);
        expect(g.tiers.length).toBeGreaterThanOrEqual(1);
        expect(g.title.en.length * g.title.ko.length).toBeGreaterThan(0);
      });

      for (const tier of g.tiers) {
        it(`tier ${tier}: deterministic, re-simulated, JSON-safe, explained, bilingual, gradable, tie-free`, () => {
          for (const seed of SEEDS) {
            const ref: QuestionRef = { generator: g.id, version: g.version, seed, tier };
            expect(checkRef(ref)).toBeNull();
            const q: Question = buildQuestion(ref);
            const where = `${g.id} seed ${seed} tier ${tier}`;

            // same seed → identical question
            expect(buildQuestion(ref), where).toEqual(q);
            expect(q.ref).toEqual(ref);
            expect(q.topic).toBe(g.topic);
            expect(q.domain).toBe(g.domain);

            // answer = a fresh re-simulation of a scenario that went through JSON (no shared
            // state), its analysis recomputed from the scenario alone
            const { scenario, analysis } = generateScenario(ref);
            const fresh = questionOf(ref, JSON.parse(JSON.stringify(scenario)));
            expect(fresh.answer, where).toEqual(q.answer);
            expect(fresh).toEqual(q);
            // what generate() handed on is what analyze() works out
            expect(JSON.stringify(g.analyze(scenario)), `${where} analysis`).toBe(JSON.stringify(analysis));

            // JSON round trip
            expect(JSON.parse(JSON.stringify(q))).toEqual(q);

            // explanation
            expect(q.explanation.summary.length, where).toBeGreaterThan(0);
            expect(q.explanation.views.length, where).toBeGreaterThan(0);

            // both languages everywhere
            for (const l of localizedIn(q)) {
              expect(typeof l.en === 'string' && l.en.trim().length > 0, `${where} ${l.path}.en`).toBe(true);
              expect(typeof l.ko === 'string' && l.ko.trim().length > 0, `${where} ${l.path}.ko`).toBe(true);
            }

            // the answer is graded correct, some other response wrong
            const right = grade(q.response, q.answer, q.answer);
            expect(right, where).toMatchObject({ status: 'graded', correct: true, score: 1 });
            const wrong = wrongResponse(q.response, q.answer);
            expect(wrong, `${where}: no wrong option`).not.toBeNull();
            expect(grade(q.response, q.answer, wrong), where).toMatchObject({ status: 'graded', correct: false });

            // tie-free under every tie-break order, where the generator can check it
            expect(isTieFree(ref, scenario), `${where} tie-free`).toBe(true);
          }
        });
      }

      it('carries at least one misconception-tagged distractor across its questions', () => {
        let tagged = 0;
        for (const tier of g.tiers) {
          for (const seed of SEEDS) {
            const q = buildQuestion({ generator: g.id, version: g.version, seed, tier });
            const opts = q.response.kind === 'choice' || q.response.kind === 'multi' ? q.response.options : [];
            tagged += opts.filter((o) => o.misconception && o.misconception.id.length > 0).length;
          }
        }
        // Scheduler challenges are answered with a schedule: no options to tag.
        if (g.domain === 'threads' && !g.id.startsWith('challenge-')) expect(tagged).toBeGreaterThan(0);
      });
    });
  }
});
