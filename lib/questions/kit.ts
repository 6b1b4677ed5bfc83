/**
 * The small helpers every generator uses to write bilingual text, options and scenario
 * searches. One copy for all domains: a domain's `common.ts` holds only what is its own.
 */
import { hasBatchim, josa as hangulJosa } from 'es-hangul';
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

/**
 * Korean particle pairs: the form after a final consonant (받침), then the form after a
 * vowel. `ro` is "(으)로", where a final ㄹ takes the vowel form (길로, 1로).
 */
export const PARTICLE = {
  eun: ['은', '는'],
  i: ['이', '가'],
  eul: ['을', '를'],
  gwa: ['과', '와'],
  ro: ['으로', '로'],
} as const satisfies Record<string, readonly [string, string]>;

type HangulJosa = Parameters<typeof hangulJosa.pick>[1];

/** es-hangul's name of each pair (it writes 와/과 vowel form first). */
const HANGUL_JOSA: Readonly<Record<string, HangulJosa>> = {
  '은/는': '은/는',
  '이/가': '이/가',
  '을/를': '을/를',
  '과/와': '와/과',
  '으로/로': '으로/로',
};

/** How Python's literals are read aloud in Korean: 트루, 폴스 (no final consonant), 논 (one). */
const LITERAL_READING: Readonly<Record<string, string>> = { True: '트루', False: '폴스', None: '논' };

/** How Koreans read a last digit (Sino-Korean): 10, 100, 1000 end in 십, 백, 천, a final consonant like 영. */
const DIGIT_READING = '영일이삼사오육칠팔구';

/**
 * The last syllable of a word as it is read in Korean, when the project knows it: a Hangul
 * syllable itself, a digit as Koreans read it (영 일 이 삼 사 오 육 칠 팔 구), Python's
 * literals as read aloud. Undefined for other words (Latin identifiers, symbols).
 */
function lastReading(word: string): string | undefined {
  if (word in LITERAL_READING) return LITERAL_READING[word];
  const last = word.charCodeAt(word.length - 1);
  if (last >= 0xac00 && last <= 0xd7a3) return word[word.length - 1];
  const d = word[word.length - 1] ?? '';
  if (/[0-9]/.test(d)) return DIGIT_READING[Number(d)];
  return undefined;
}

/**
 * Whether the Korean reading of a word ends in a final consonant (받침): a Hangul syllable
 * (es-hangul decides), a digit as Koreans read it (영 일 삼 육 칠 팔 have one; 이 사 오 구 do
 * not), Python's literals as read aloud. Undefined when the reading is not known.
 */
export function finalConsonant(word: string): boolean | undefined {
  const reading = lastReading(word);
  return reading === undefined ? undefined : hasBatchim(reading);
}

/** The final sound of a Latin word ending in l, m, n or k, as in 풀, 램, 메인, 락 (ㄹ ㅁ ㄴ ㄱ); other letters end in a vowel (아). */
const LETTER_READING: Readonly<Record<string, string>> = { l: '을', m: '음', n: '은', k: '윽' };

/** The particle of `pair` after a last syllable, chosen by es-hangul where it knows the pair. */
function particleAfter(reading: string, pair: readonly [string, string]): string {
  const known = HANGUL_JOSA[`${pair[0]}/${pair[1]}`];
  if (known) return hangulJosa.pick(reading, known);
  return hasBatchim(reading) ? pair[0] : pair[1];
}

/**
 * A word followed by the particle that fits how it is read: `josa('T1', PARTICLE.eun)` →
 * "T1은", `josa('락', PARTICLE.eul)` → "락을" (es-hangul's `josa` decides for Hangul). For a
 * word whose reading is not known, `unknown` says what to write: `'both'` shows both forms
 * ("x을(를)", kept for question versions that showed it; current text never uses it),
 * `'letters'` reads a Latin word by its last letter (l, m, n, k end in a consonant, as in
 * 풀, 락, 메인), `'vowel'` takes the form after a vowel.
 */
export function josa(word: string | number, pair: readonly [string, string], unknown: 'both' | 'letters' | 'vowel' = 'both'): string {
  const w = String(word);
  const reading = lastReading(w);
  if (reading !== undefined) return w + particleAfter(reading, pair);
  if (unknown === 'both') return `${w}${pair[0]}(${pair[1]})`;
  if (unknown === 'letters') return w + particleAfter(LETTER_READING[w.trim().slice(-1).toLowerCase()] ?? '아', pair);
  return w + pair[1];
}
