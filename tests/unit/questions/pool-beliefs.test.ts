/**
 * Version 3 of the pool generators (issue 12 §2, issue 16 §4): the beliefs' models on
 * scenarios worked out by hand (pickle lengths as CPython 3.11's `len(pickle.dumps(v, 4))`
 * gives them), and the Korean comments of the cost-model programs.
 */
import { describe, expect, it } from 'vitest';
import { buildQuestion } from '@/lib/questions/registry';
import { poolMisconceptions as M } from '@/lib/questions/pool/misconceptions';
import { noFrameModel } from '@/lib/questions/pool/pickle-bytes';
import { poolMessagesBeliefs } from '@/lib/questions/pool/pool-messages';
import { dataItems, workGlobal, workOutcome } from '@/lib/questions/pool/workloads';
import { inLang, type PromptBlock, type Question, type Tier } from '@/lib/questions/types';
import { lit, simulatePoolCall } from '@/lib/sim/pool';

describe('pickle-bytes: "a pickle is only the opcodes of the value"', () => {
  it('drops PROTO and STOP, and the FRAME header only where the pickle has one', () => {
    // pickle.dumps(1, 4) is 5 bytes: PROTO 4, BININT1 1, STOP (a 3-byte body gets no frame).
    expect(noFrameModel({ tier: 1, literal: lit.int(1), protocol: 4 })).toBe(2);
    // pickle.dumps('spam', 4) is 19 bytes: PROTO, FRAME (9), SHORT_BINUNICODE 'spam' (6), MEMOIZE, STOP.
    expect(noFrameModel({ tier: 1, literal: lit.str('spam'), protocol: 4 })).toBe(7);
  });

  it('in a map call, takes PROTO, FRAME and STOP (12 bytes) off every counted message and keeps the 4-byte headers', () => {
    const data = { kind: 'range', start: 0, stop: 12 } as const;
    const run = simulatePoolCall({ method: 'map', func: workGlobal('square'), items: dataItems(data), processes: 2, chunksize: 5, outcome: workOutcome('square'), sizeOnly: true });
    const wire = (ms: readonly { wire: number }[]) => ms.reduce((n, m) => n + m.wire, 0);
    expect(run.tasks).toHaveLength(3);
    expect(noFrameModel({ tier: 2, data, work: 'square', processes: 2, chunksize: 5 })).toBe(wire(run.tasks) - 3 * 12);
    // Tier 3 counts both pipes with map's default chunksize, ceil(12 / 8) = 2: 6 tasks and 6 results.
    const both = simulatePoolCall({ method: 'map', func: workGlobal('square'), items: dataItems(data), processes: 2, outcome: workOutcome('square'), sizeOnly: true });
    expect(both.tasks).toHaveLength(6);
    expect(noFrameModel({ tier: 3, data, work: 'square', processes: 2 })).toBe(wire([...both.tasks, ...both.results]) - 12 * 12);
  });

  it('counts every FRAME header of a message whose bytes payload is written outside frames (64 KiB or more)', () => {
    const data = { kind: 'blobs', n: 4, size: 70_000 } as const;
    const run = simulatePoolCall({ method: 'map', func: workGlobal('length'), items: dataItems(data), processes: 2, chunksize: 1, outcome: workOutcome('length'), sizeOnly: true });
    const taskBytes = run.tasks.reduce((n, m) => n + m.wire, 0);
    // Each task (checked with CPython 3.11's pickletools): PROTO, a FRAME before the blob, the
    // blob outside frames, a FRAME after it, STOP.
    expect(noFrameModel({ tier: 2, data, work: 'length', processes: 2, chunksize: 1 })).toBe(taskBytes - 4 * (2 + 9 + 9 + 1));
  });
});

describe('pool-messages: what each belief counts', () => {
  it('map(square, range(50), chunksize=4) on 4 workers: 13 messages; only full chunks gives 12, one per item 50, one chunk per worker 4', () => {
    const b = poolMessagesBeliefs({ tier: 1, processes: 4, n: 50, calls: [{ method: 'map', chunksize: 4 }], both: false });
    expect(b[M.lastChunkDropped.id]).toBe(12);
    expect(b[M.chunksizeNoEffect.id]).toBe(50);
    expect(b[M.oneChunkPerWorker.id]).toBe(4);
    expect(b[M.mapChunkOne.id]).toBeUndefined();
  });

  it('map(range(30)) and 3 apply_async on 2 workers, both pipes: default chunksize 4 → 8 + 3 tasks; only full chunks 7 + 3, doubled', () => {
    const b = poolMessagesBeliefs({ tier: 3, processes: 2, n: 30, calls: [{ method: 'map' }, { method: 'apply_async', take: 3 }], both: true });
    expect(b[M.lastChunkDropped.id]).toBe(2 * (7 + 3));
    expect(b[M.mapChunkOne.id]).toBe(2 * (30 + 3));
    expect(b[M.resultsFree.id]).toBe(8 + 3);
    expect(b[M.resultsOneMessage.id]).toBe(8 + 3 + 1 + 3);
  });
});

function codeOf(q: Question): Extract<PromptBlock, { kind: 'code' }> {
  const block = q.prompt.find((b) => b.kind === 'code');
  if (!block || block.kind !== 'code') throw new Error('no code block');
  return block;
}

describe('fastest-executor and pool-overhead version 3: the program\'s comments in Korean for ko', () => {
  for (const generator of ['fastest-executor', 'pool-overhead']) {
    for (const tier of [1, 2, 3] as Tier[]) {
      it(`${generator} t${tier}: English as version 2 showed it, Korean comments with the same (a)–(d) labels`, () => {
        const ref = { generator, seed: 7, tier };
        const v2 = inLang(codeOf(buildQuestion({ ...ref, version: 2 })).code, 'en');
        const { code } = codeOf(buildQuestion({ ...ref, version: 3 }));
        expect(inLang(code, 'en')).toBe(v2);
        const ko = inLang(code, 'ko');
        const comments = (text: string) => text.split('\n').flatMap((l) => (l.includes('#') ? [l.slice(l.indexOf('#'))] : []));
        expect(comments(ko)).toHaveLength(comments(v2).length);
        for (const [i, c] of comments(ko).entries()) {
          expect(c, c).toMatch(/[가-힣]/);
          expect(c.match(/^# \([a-d]\)/)?.[0]).toBe(comments(v2)[i]?.match(/^# \([a-d]\)/)?.[0]);
        }
        const withoutComments = (text: string) => text.replace(/\s*#.*$/gm, '');
        expect(withoutComments(ko)).toBe(withoutComments(v2));
      });
    }
  }
});
