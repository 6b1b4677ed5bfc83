/**
 * Every generator, by id and version. Old versions stay registered so stored refs remain
 * answerable; `latest` is what new questions use.
 */
import { createRng, isValidSeed } from '@/lib/sim/rng';
import { buildGenerators } from './build';
import { challengeGeneratorVersions } from './challenge';
import { memoryGenerators } from './memory';
import { objectGenerators } from './objects';
import { poolGenerators } from './pool';
import { threadGenerators } from './threads';
import type { Explanation, Generated, Generator, Program, Question, QuestionRef, Tier } from './types';

const all: readonly Generator[] = [
  ...threadGenerators,
  ...memoryGenerators,
  ...poolGenerators,
  ...buildGenerators,
  ...objectGenerators,
  ...challengeGeneratorVersions,
];

const byId = new Map<string, Map<number, Generator>>();
for (const g of all) {
  const versions = byId.get(g.id) ?? new Map<number, Generator>();
  if (versions.has(g.version)) throw new Error(`duplicate generator ${g.id}@${g.version}`);
  versions.set(g.version, g);
  byId.set(g.id, versions);
}

/** The newest version of every generator, in registration order. */
export function listGenerators(): Generator[] {
  return [...byId.values()].map((versions) => versions.get(Math.max(...versions.keys())) as Generator);
}

/** Every registered version of every generator (old versions answer stored refs). */
export function listAllVersions(): Generator[] {
  return [...all];
}

export function getGenerator(id: string, version?: number): Generator | undefined {
  const versions = byId.get(id);
  if (!versions) return undefined;
  return versions.get(version ?? Math.max(...versions.keys()));
}

export type RefProblem = 'unknown-generator' | 'unknown-version' | 'bad-seed' | 'bad-tier';

/** Checks an untrusted ref; returns the problem or null. */
export function checkRef(ref: { generator: string; version?: number; seed: number; tier: number }): RefProblem | null {
  const versions = byId.get(ref.generator);
  if (!versions) return 'unknown-generator';
  const g = versions.get(ref.version ?? Math.max(...versions.keys()));
  if (!g) return 'unknown-version';
  if (!isValidSeed(ref.seed)) return 'bad-seed';
  if (!g.tiers.includes(ref.tier as Tier)) return 'bad-tier';
  return null;
}

function generatorOf(ref: QuestionRef): Generator {
  const problem = checkRef(ref);
  if (problem) throw new Error(`invalid question ref ${JSON.stringify(ref)}: ${problem}`);
  return getGenerator(ref.generator, ref.version) as Generator;
}

/** The scenario a valid ref names and the analysis its generator handed on. Throws on an invalid ref. */
export function generateScenario(ref: QuestionRef): Generated<unknown, unknown> {
  const g = generatorOf(ref);
  return g.generate(createRng(ref.seed), ref.tier);
}

/**
 * The question of a ref from its scenario, with the analysis handed on or, without one,
 * recomputed from the scenario. The registry stamps the ref, topic, domain and title.
 */
export function questionOf(ref: QuestionRef, scenario: unknown, analysis?: unknown): Question {
  const g = generatorOf(ref);
  const body = g.question(scenario, analysis === undefined ? g.analyze(scenario) : analysis);
  return { ref, topic: g.topic, domain: g.domain, title: g.title, ...body };
}

/** Builds the question a valid ref names. Throws on an invalid ref (check it first). */
export function buildQuestion(ref: QuestionRef): Question {
  const { scenario, analysis } = generateScenario(ref);
  return questionOf(ref, scenario, analysis);
}

/** The runnable program reproducing a ref's scenario, if its generator has one. */
export function buildProgram(ref: QuestionRef): Program | undefined {
  return programOf(ref, generateScenario(ref).scenario);
}

/** The runnable program performing a scenario of a ref's generator, if it has one. */
export function programOf(ref: QuestionRef, scenario: unknown): Program | undefined {
  const g = generatorOf(ref);
  return g.program ? g.program(scenario) : undefined;
}

/** Whether no timing tie or scheduling choice can change the answer of a ref's scenario (true when its generator has no such check). */
export function isTieFree(ref: QuestionRef, scenario: unknown): boolean {
  const g = generatorOf(ref);
  return g.tieFree ? g.tieFree(scenario) : true;
}

/**
 * A question's explanation as the learner sees it after answering: its step-through view (a
 * timeline's tick, a memory snapshot) opens at the step the question asks about ("who holds
 * the lock at t = 5.5" opens at tick 5), where the generator names one; otherwise at the last.
 * The question itself stays as recorded (fingerprinted), so the step is stamped here, from the
 * scenario the ref names (generated again, only for generators that name a step).
 */
export function openAtAskedStep(question: Question): Explanation {
  const g = getGenerator(question.ref.generator, question.ref.version);
  if (!g?.askedStep) return question.explanation;
  const step = g.askedStep(generateScenario(question.ref).scenario);
  const at = question.explanation.views.findIndex((view) => view.kind !== 'table');
  const views = question.explanation.views.map((view, i) => {
    if (i !== at || view.kind === 'table') return view;
    const count = view.kind === 'timeline' ? view.ticks : view.steps.length;
    return Number.isInteger(step) && step >= 0 && step < count ? { ...view, open: step } : view;
  });
  return { ...question.explanation, views };
}
