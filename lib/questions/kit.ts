/**
 * The small helpers every generator uses to write bilingual text, options and scenario
 * searches. One copy for all domains: a domain's `common.ts` holds only what is its own.
 */
import { hasBatchim, josa as hangulJosa } from 'es-hangul';
import type { Rng } from '@/lib/sim/rng';
import type { Generator, Localized, Misconception, Option, PromptBlock } from './types';

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

const HANGUL_BASE = 0xac00;
/** A Hangul syllable's final consonant index (0: none, 4: ㄴ, 17: ㅂ), or -1 for anything else. */
function jong(syllable: string | undefined): number {
  const c = (syllable ?? '').charCodeAt(0);
  return c >= HANGUL_BASE && c <= 0xd7a3 ? (c - HANGUL_BASE) % 28 : -1;
}
/** The syllable with its final consonant replaced (0 removes it). */
function withJong(syllable: string, index: number): string {
  const c = syllable.charCodeAt(0) - HANGUL_BASE;
  return String.fromCharCode(HANGUL_BASE + c - (c % 28) + index);
}
const JONG_N = 4;
/** Nouns the plain style joins to the copula without 이 ("3개다", "엔트리 수다"): 개다 → 개입니다, not 갭니다. */
const COPULA_NOUNS: ReadonlySet<string> = new Set(['개', '수']);
const JONG_B = 17;

/** A stem before a formal ending: "습" after a final consonant, else the stem's last syllable takes ㅂ ("하" → "합"). */
function formalStem(stem: string, tail: '니다' | '니까'): string {
  const last = stem.slice(-1);
  const j = jong(last);
  if (j < 0) return `${stem}${tail === '니다' ? '입니다' : '입니까'}`;
  if (j === 0) return `${stem.slice(0, -1)}${withJong(last, JONG_B)}${tail}`;
  return `${stem}습${tail}`;
}

/**
 * The sentence endings of plain-style (해라체) and informal polite (해요체) Korean turned into
 * the formal polite style (합니다체) the learner reads everywhere else: 한다 → 합니다, 읽는다 →
 * 읽습니다, 없다 → 없습니다, 이다 → 입니다, 만든다 → 만듭니다, 복사하는가? → 복사합니까?, 몇 개인가?
 * → 몇 개입니까?, 다른가? → 다릅니까?, 잡고 있나? → 잡고 있습니까?, 반환하나요? → 반환합니까?,
 * 어떤 예외인가요? → 어떤 예외입니까?, 3개다 → 3개입니다, 고르시오 / 고르세요 → 고르십시오.
 * A statement ends in 다 before ".", "?", ":", ";", " (", a closing parenthesis, a line break,
 * the end, or a parenthesis not followed by more of the word ("한다(glibc …)." but not
 * "같다(==)고"); a clause quoted in parentheses before a particle stays plain ("(부모가 p[0]에
 * 쓴다)에서"), and so do the word 하나 (one), the particle 마다 and text already in 합니다체.
 * Used by question versions whose wording was first published in another style (so their
 * old versions keep it): one source for the sentence, two styles.
 */
export function hamnida(ko: string): string {
  return ko
    .replace(/([가-힣]+)인가요\?/g, (_, word: string) => `${word}입니까?`)
    .replace(/([가-힣]+)(는가|인가|은가|한가)\?/g, (_, word: string, ending: string) => {
      if (ending === '인가') return `${word}입니까?`;
      if (ending === '한가') return `${word}합니까?`;
      return `${formalStem(word, '니까')}?`;
    })
    .replace(/([가-힣]*)([가-힣])가\?/g, (whole: string, head: string, x: string) => (jong(x) === JONG_N && x !== '던' ? `${formalStem(head + withJong(x, 0), '니까')}?` : whole))
    .replace(/([가-힣]+)나요?\?/g, (whole: string, stem: string) => (stem === '하' ? whole : `${formalStem(stem, '니까')}?`))
    .replace(/([가-힣]*)([가-힣])다(?=[.:;?]|\)(?![가-힣])|\s\(|\((?![^)]*\)[가-힣])|\n|$)/g, (whole: string, head: string, x: string) => {
      if (x === '니' || x === '마') return whole;
      if (COPULA_NOUNS.has(x)) return `${head}${x}입니다`;
      if (x === '는' && head) return formalStem(head, '니다');
      if (jong(x) === JONG_N) return `${head}${withJong(x, JONG_B)}니다`;
      return formalStem(head + x, '니다');
    })
    .replace(/([가-힣])(?:시오|세요)(?=[.:;)!]|\s|$)/g, (whole: string, x: string) => (x === '십' ? whole : `${x}십시오`));
}

/** Every Korean text of a value (a question body, a title) in 합니다체 by hamnida; code, numbers and English stay as they are. */
export function inHamnida<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => inHamnida(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'ko' && typeof v === 'string' ? hamnida(v) : inHamnida(v)])) as T;
}

/**
 * A generator whose Korean title and question text (prompt, options, explanation, views) are
 * shown in 합니다체 by hamnida: the same scenarios, answers and programs, one source for the
 * wording of both styles.
 */
export function inHamnidaGenerator<S, A>(g: Generator<S, A>): Generator<S, A> {
  return { ...g, title: inHamnida(g.title), question: (s, a) => inHamnida(g.question(s, a)) };
}
