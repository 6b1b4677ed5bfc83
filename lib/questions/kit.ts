/**
 * The small helpers every generator uses to write bilingual text, options and scenario
 * searches. One copy for all domains: a domain's `common.ts` holds only what is its own.
 */
import type { Rng } from '@/lib/sim/rng';
import type { Localized, Misconception, Option, PromptBlock } from './types';

/** Both languages of a text. */
export const L = (en: string, ko: string): Localized => ({ en, ko });

/** A prompt paragraph in both languages. */
export function text(en: string, ko: string): PromptBlock {
  return { kind: 'text', text: L(en, ko) };
}

/** An option (or ordering item), optionally shown as code and tagged with the misconception it stands for. */
export function option(id: string, label: Localized | string, misconception?: Misconception, code = false): Option {
  const l = typeof label === 'string' ? L(label, label) : label;
  return { id, label: l, ...(code ? { code: true } : {}), ...(misconception ? { misconception } : {}) };
}

/**
 * Deterministic rejection sampling: tries `build` until it yields a scenario (it returns
 * null to reject), then falls back to a fixed, known-good scenario.
 */
export function search<S>(rng: Rng, build: (rng: Rng) => S | null, fallback: () => S, tries = 200): S {
  for (let i = 0; i < tries; i++) {
    const s = build(rng);
    if (s !== null) return s;
  }
  return fallback();
}

/** Korean particle pairs: the form after a final consonant (받침), then the form after a vowel. */
export const PARTICLE = {
  eun: ['은', '는'],
  i: ['이', '가'],
  eul: ['을', '를'],
  gwa: ['과', '와'],
} as const satisfies Record<string, readonly [string, string]>;

/** How Python's literals are read aloud in Korean: 트루, 폴스 (no final consonant), 논 (one). */
const LITERAL_BATCHIM: Readonly<Record<string, boolean>> = { True: false, False: false, None: true };

/**
 * Whether the Korean reading of a word ends in a final consonant (받침): a Hangul syllable
 * by its code point, a digit as Koreans read it (영 일 삼 육 칠 팔 have one; 이 사 오 구 do
 * not), Python's literals as read aloud. Undefined when the reading is not known.
 */
export function finalConsonant(word: string): boolean | undefined {
  if (word in LITERAL_BATCHIM) return LITERAL_BATCHIM[word];
  const last = word.charCodeAt(word.length - 1);
  if (last >= 0xac00 && last <= 0xd7a3) return (last - 0xac00) % 28 !== 0;
  const d = word[word.length - 1] ?? '';
  if (/[0-9]/.test(d)) return !'2459'.includes(d);
  return undefined;
}

/**
 * A word followed by the particle that fits how it is read: `josa('T1', PARTICLE.eun)` →
 * "T1은". For a word whose reading is not known, `unknown` says what to write: `'both'`
 * shows both forms ("x을(를)"), `'letters'` reads a Latin word by its last letter (l, m, n,
 * k end in a consonant, as in 락, 메인), `'vowel'` takes the form after a vowel.
 */
export function josa(word: string | number, pair: readonly [string, string], unknown: 'both' | 'letters' | 'vowel' = 'both'): string {
  const w = String(word);
  const known = finalConsonant(w);
  if (known !== undefined) return w + (known ? pair[0] : pair[1]);
  if (unknown === 'both') return `${w}${pair[0]}(${pair[1]})`;
  if (unknown === 'letters') return w + (/[lmnk]$/i.test(w.trim()) ? pair[0] : pair[1]);
  return w + pair[1];
}
