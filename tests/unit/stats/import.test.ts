import { describe, expect, it } from 'vitest';
import { parseProgressFile, splitProgress, validateProgressInSteps, REVIEW_CHUNK } from '@/lib/stats/progress-file';
import { claimImportSlot, MAX_IMPORTS_AT_ONCE, parseOnWorker, yieldToEventLoop } from '@/lib/stats/import';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('import slots', () => {
  it('one import per learner at a time, a few in the whole server', () => {
    const release = claimImportSlot('ada');
    expect(release).not.toBeNull();
    expect(claimImportSlot('ada')).toBeNull();
    release?.();
    release?.(); // releasing twice frees nothing else
    const others = Array.from({ length: MAX_IMPORTS_AT_ONCE }, (_, i) => claimImportSlot(`learner-${i}`));
    expect(others.every((r) => r !== null)).toBe(true);
    expect(claimImportSlot('ada')).toBeNull();
    for (const r of others) r?.();
    const again = claimImportSlot('ada');
    expect(again).not.toBeNull();
    again?.();
  });
});

describe('parsing on a worker thread', () => {
  it('splits a file exactly as the in-process split does', async () => {
    const reviews = Array.from({ length: REVIEW_CHUNK * 2 + 3 }, (_, i) => ({ id: `r${i}`, note: 'é한' }));
    const file = { format: 'lockstep-progress', version: 1, cards: [{ id: 'c' }], reviews };
    const onWorker = await parseOnWorker(bytes(JSON.stringify(file)));
    expect(onWorker).toEqual({ status: 'ok', file: splitProgress(JSON.parse(JSON.stringify(file))) });
    if (onWorker.status === 'ok') expect(onWorker.file.reviewChunks).toHaveLength(3);
    expect(await parseOnWorker(bytes(JSON.stringify({ reviews: 'none' })))).toEqual({ status: 'ok', file: { head: { reviews: 'none' }, reviewChunks: [] } });
  });

  it('reports text that is not JSON, or not an object', async () => {
    expect(await parseOnWorker(bytes('{"format": '))).toEqual({ status: 'not-json' });
    expect(await parseOnWorker(bytes('[1, 2]'))).toEqual({ status: 'not-object' });
    expect(await parseOnWorker(bytes('\xff\xfe'))).toEqual({ status: 'not-json' });
  });

  it('validates in steps with the same result as in one go', async () => {
    for (const text of ['{"format": "x"}', '[1]', '{', JSON.stringify({ format: 'lockstep-progress', version: 1, exportedAt: 'now', settings: null, deckTopics: [], cards: [], reviews: [{}, {}] })]) {
      let pauses = 0;
      const inSteps = await validateProgressInSteps(await parseOnWorker(bytes(text)), async () => {
        pauses += 1;
        await yieldToEventLoop();
      });
      expect(inSteps, text).toEqual(parseProgressFile(text));
      expect(pauses).toBeLessThanOrEqual(2);
    }
  });
});
