import { describe, expect, it } from 'vitest';
import { describeAnswer, describeResponse } from '@/lib/questions/public';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';

describe('describeResponse', () => {
  const questions = listGenerators().map((g) => buildQuestion({ generator: g.id, version: g.version, seed: 7, tier: g.tiers[0]! }));

  it('shows a stored response exactly as the true answer is shown, for every generator and both languages', () => {
    const kinds = new Set<string>();
    for (const q of questions) {
      kinds.add(q.response.kind);
      for (const lang of ['en', 'ko'] as const) expect(describeResponse(q, JSON.stringify(q.answer), lang), q.ref.generator).toBe(describeAnswer(q, lang));
    }
    // The check covers more than one answer kind.
    expect(kinds.size).toBeGreaterThan(2);
  });

  it('uses option labels, never ids, and shows what it cannot read as stored', () => {
    const choice = questions.find((q) => q.response.kind === 'choice')!;
    if (choice.response.kind !== 'choice') throw new Error('unreachable');
    const option = choice.response.options[0]!;
    expect(describeResponse(choice, JSON.stringify(option.id), 'ko')).toBe(option.label.ko);
    expect(describeResponse(choice, '{not json', 'en')).toBe('{not json');
    expect(describeResponse(choice, '[1,2]', 'en')).toBe('[1,2]');
    expect(describeResponse(choice, '"gone"', 'en')).toBe('gone');
  });
});
