import { describe, expect, it } from 'vitest';
import { finalConsonant, josa, option, PARTICLE, search } from '@/lib/questions/kit';
import { createRng } from '@/lib/sim/rng';

describe('josa: the particle that fits how a word is read', () => {
  it('reads Hangul syllables, digits and Python literals', () => {
    expect(josa('부모', PARTICLE.eun)).toBe('부모는');
    expect(josa('자식', PARTICLE.i)).toBe('자식이');
    expect(josa('T1', PARTICLE.eun)).toBe('T1은');
    expect(josa('T2', PARTICLE.eul)).toBe('T2를');
    expect(josa(10, PARTICLE.gwa)).toBe('10과');
    expect(josa('None', PARTICLE.i)).toBe('None이');
    expect(josa('True', PARTICLE.i)).toBe('True가');
  });

  it('says what it does with a word whose reading it does not know', () => {
    expect(finalConsonant('Box')).toBeUndefined();
    expect(josa('Box', PARTICLE.eul)).toBe('Box을(를)');
    expect(josa('lock', PARTICLE.eun, 'letters')).toBe('lock은');
    expect(josa('Box', PARTICLE.eul, 'letters')).toBe('Box를');
    expect(josa('Box', PARTICLE.eul, 'vowel')).toBe('Box를');
  });
});

describe('option and search', () => {
  it('adds code and misconception keys only when given', () => {
    expect(option('a', 'x')).toEqual({ id: 'a', label: { en: 'x', ko: 'x' } });
    expect(Object.keys(option('a', 'x', { id: 'm', text: { en: 'm', ko: 'm' } }, true))).toEqual(['id', 'label', 'code', 'misconception']);
  });

  it('falls back after the tries run out, and is deterministic in the rng', () => {
    expect(search(createRng(1), () => null, () => 'fallback', 5)).toBe('fallback');
    const pick = (seed: number) => search(createRng(seed), (r) => (r.int(0, 9) > 6 ? r.int(0, 1000) : null), () => -1);
    expect(pick(7)).toBe(pick(7));
  });
});
