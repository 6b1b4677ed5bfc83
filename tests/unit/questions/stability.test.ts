/**
 * Replayability: a stored (generator, version, seed, tier) must render the same question
 * forever, because reviews, attempts and gradebooks keep only the ref. This test keeps a
 * fingerprint (SHA-256 of the questions' JSON, and of the exported programs) per
 * generator@version × tier over a fixed list of seeds, for every registered version (old
 * versions answer stored refs). A change in any generator's output fails here: either undo
 * it, or bump the generator's version, keep the old version registered with its old output,
 * and record the new one with `UPDATE_FINGERPRINTS=1 npx vitest run
 * tests/unit/questions/stability.test.ts` (the old versions' entries must stay as they were).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, buildQuestion, listAllVersions } from '@/lib/questions/registry';
import { hashSeed, MAX_SEED_32 } from '@/lib/sim/rng';

const FILE = path.join(__dirname, 'fingerprints.json');
const SEEDS = [0, 1, 2, 3, 5, 8, 13, 21, 99, 1000, MAX_SEED_32, ...Array.from({ length: 20 }, (_, i) => hashSeed(`fingerprint:${i}`))];
const UPDATE = process.env.UPDATE_FINGERPRINTS === '1';

function fingerprint(generator: string, version: number, tier: 1 | 2 | 3): string {
  const hash = createHash('sha256');
  for (const seed of SEEDS) {
    const ref = { generator, version, seed, tier };
    hash.update(JSON.stringify(buildQuestion(ref)));
    hash.update(JSON.stringify(buildProgram(ref) ?? null));
  }
  return hash.digest('hex');
}

const stored: Record<string, string> = fs.existsSync(FILE) ? (JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, string>) : {};
const current: Record<string, string> = {};
for (const g of listAllVersions()) for (const tier of g.tiers) current[`${g.id}@${g.version}/t${tier}`] = fingerprint(g.id, g.version, tier);

describe('question output is stable per generator version', () => {
  if (UPDATE) {
    it('records the fingerprints', () => {
      fs.writeFileSync(FILE, `${JSON.stringify(current, null, 2)}\n`);
      expect(Object.keys(current).length).toBeGreaterThan(0);
    });
    return;
  }

  for (const [key, value] of Object.entries(current)) {
    it(`${key} renders the same questions and programs as when it was recorded`, () => {
      expect(stored[key], `${key} has no recorded fingerprint: a new generator or version; record it (see the file's comment)`).toBeDefined();
      expect(value, `${key} changed its output without a version bump`).toBe(stored[key]);
    });
  }

  it('records nothing for generators that no longer exist', () => {
    expect(Object.keys(stored).filter((key) => !(key in current))).toEqual([]);
  });
});
