/**
 * Golden seeds for the thread generators. Each pinned answer was produced by running the
 * exported program (`npm run -s question -- export <id> --seed <s> --tier <t>`) under real
 * CPython 3.11 threading and matched the simulator. A change here means a generator's output
 * for a stored seed changed: bump its version (and keep the old one registered) instead.
 */
import { describe, expect, it } from 'vitest';
import { buildQuestion } from '@/lib/questions/registry';

const GOLDEN: readonly [generator: string, tier: 1 | 2 | 3, seed: number, answer: unknown][] = [
  ['lock-holder', 1, 1, 'T2'],
  ['lock-holder', 1, 2024, 'T1'],
  ['lock-holder', 2, 1, 'T3'],
  ['lock-holder', 2, 2024, 'T1'],
  ['lock-holder', 3, 1, 'T2'],
  ['lock-holder', 3, 2024, 'T1'],
  ['acquire-result', 1, 1, 'True@4'],
  ['acquire-result', 1, 2024, 'True@3'],
  ['acquire-result', 2, 1, 'False@1'],
  ['acquire-result', 2, 2024, 'False@5'],
  ['acquire-result', 3, 1, 'False@1'],
  ['acquire-result', 3, 2024, 'True@2'],
  ['event-wait', 1, 1, 'True@4'],
  ['event-wait', 1, 2024, 'True@2'],
  ['event-wait', 2, 1, 'False@2'],
  ['event-wait', 2, 2024, 'True@3'],
  ['event-wait', 3, 1, 'True@6'],
  ['event-wait', 3, 2024, 'True@8'],
  ['print-order', 1, 1, ['T1: begin', 'T1: end', 'main: end']],
  ['print-order', 1, 2024, ['T1: begin', 'T2: begin', 'T2: end', 'main: end']],
  ['print-order', 2, 1, 'T2: begin | T2: end | main: T2 alive? False | main: end | T3: begin | T1: begin | T3: end'],
  ['print-order', 2, 2024, 'T3: begin | main: T1 alive? True | main: end | T3: end | T1: begin | T2: begin | T2: end'],
  ['print-order', 3, 1, 'T1: begin | T1: end | T1: finally | main: T1 alive? False | main: end'],
  ['print-order', 3, 2024, 'main: T2 alive? True | main: end | T1: begin | T3: begin | T2: begin | T3: end | T3: finally | T2: end'],
  ['deadlock', 1, 1, ['T1', 'T2']],
  ['deadlock', 1, 2024, ['none']],
  ['deadlock', 2, 1, ['none']],
  ['deadlock', 2, 2024, ['none']],
  ['deadlock', 3, 1, ['T1', 'T2', 'T3']],
  ['deadlock', 3, 2024, ['T1', 'T2']],
  ['gil-runtime', 1, 1, '3s'],
  ['gil-runtime', 1, 2024, '12s'],
  ['gil-runtime', 2, 1, '6s'],
  ['gil-runtime', 2, 2024, '6s'],
  ['gil-runtime', 3, 1, '8s'],
  ['gil-runtime', 3, 2024, '8s'],
  ['which-raises', 1, 1, 'c:ValueError'],
  ['which-raises', 1, 2024, 'd:ValueError'],
  ['which-raises', 2, 1, 'b:RuntimeError'],
  ['which-raises', 2, 2024, 'c:RuntimeError'],
  ['which-raises', 3, 1, 'd:ValueError'],
  ['which-raises', 3, 2024, 'd:ValueError'],
];

describe('thread generators: golden seeds checked against real CPython', () => {
  for (const [generator, tier, seed, answer] of GOLDEN) {
    it(`${generator} tier ${tier} seed ${seed}`, () => {
      expect(buildQuestion({ generator, version: 1, seed, tier }).answer).toEqual(answer);
    });
  }
});
