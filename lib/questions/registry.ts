/**
 * Every generator, by id and version. Old versions stay registered so stored refs remain
 * answerable; `latest` is what new questions use.
 */
import { createRng, isValidSeed } from '@/lib/sim/rng';
import { buildGenerators } from './build';
import { memoryGenerators } from './memory';
import { objectGenerators } from './objects';
import { poolGenerators } from './pool';
import { threadGenerators } from './threads';
import type { Generator, Question, QuestionRef, Tier } from './types';

const all: readonly Generator[] = [
  ...threadGenerators,
  ...memoryGenerators,
  ...poolGenerators,
  ...buildGenerators,
  ...objectGenerators,
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

/** Builds the question a valid ref names. Throws on an invalid ref (check it first). */
export function buildQuestion(ref: QuestionRef): Question {
  const problem = checkRef(ref);
  if (problem) throw new Error(`invalid question ref ${JSON.stringify(ref)}: ${problem}`);
  const g = getGenerator(ref.generator, ref.version) as Generator;
  const scenario = g.scenario(createRng(ref.seed), ref.tier);
  return g.question(scenario, ref);
}

/** The runnable program reproducing a ref's scenario, if its generator has one. */
export function buildProgram(ref: QuestionRef) {
  const problem = checkRef(ref);
  if (problem) throw new Error(`invalid question ref ${JSON.stringify(ref)}: ${problem}`);
  const g = getGenerator(ref.generator, ref.version) as Generator;
  if (!g.program) return undefined;
  return g.program(g.scenario(createRng(ref.seed), ref.tier));
}
