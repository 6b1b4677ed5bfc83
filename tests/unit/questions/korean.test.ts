/**
 * Korean that reads as if written in Korean (issue 16 §4): every current generator version ×
 * tier × 30 seeds, with its explanation and trace views, and every Korean UI message, is
 * checked for particle fallbacks ("은(는)"), glossary violations (lib/i18n/glossary.ts),
 * English words glued to Korean particles ("parent의"), empty "freed: —" fragments, references
 * to notes the learner never saw, and a speech level other than 합니다체 (해라체 "…나?", "…한다.",
 * "…고르시오."; 해요체 "…나요?", "…세요."). Old versions are
 * frozen by stability.test.ts and not checked here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glossaryViolations } from '@/lib/i18n/glossary';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';
import { hashSeed } from '@/lib/sim/rng';

const SEEDS = Array.from({ length: 30 }, (_, i) => hashSeed(`korean:${i}`));

const PARTICLE_FALLBACK = /은\(는\)|는\(은\)|을\(를\)|를\(을\)|이\(가\)|가\(이\)|과\(와\)|와\(과\)|\(으\)로|\(이\)나/;
/**
 * An English common noun written straight before a Korean particle: "parent의", "child가".
 * Code names keep their spelling ("Lock을", "lock을" for a variable), so lock and thread are not listed.
 */
const MIXED = /\b(?:parent|child|grandchild|process|frame|page|freed)(?:의|가|는|은|을|를|이|에|와|과)/;
/** "the notes" a learner never saw (노트북, a laptop, is fine). */
const NOTES_KO = /노트(?!북)/;
const NOTES_EN = /\bthe notes\b|\bnotes'/i;
/** An empty list written as a dash after a label: "freed: —", "해제된 프레임: —". */
const EMPTY_LIST = /: —(?:[.,;)]|$)/;
/** Every Hangul syllable ending in ㄴ (는 인 은 한 른 던 …), before the 가? of a 해라체 question. */
const N_FINAL = Array.from({ length: 399 }, (_, i) => String.fromCharCode(0xac00 + i * 28 + 4)).join('');
/**
 * 해라체 questions and commands: "…ㄴ가?" ("…인가?", "…하는가?", "다른가?"), "…하라.", and the
 * exam-paper "…고르시오." (합니다체: "…고르십시오.").
 */
const HAERACHE = new RegExp(`[${N_FINAL}]가\\?|하라\\.|[^십]시오\\.`);
/**
 * 해라체 in question text only (UI headings may read like titles): a question ending in 나? after
 * a verb ("무엇을 반환하나?", "잡고 있나?"; 하나 "one" and 나 "I" standing alone are not verbs),
 * and a statement ending in 다 that is not …니다 nor the particle 마다 ("…발생한다.", "…이다)", "…한다(glibc …)"),
 * wherever kit's hamnida would end a sentence; a clause quoted before a particle ("(…쓴다)에서") is not one.
 */
const HAERACHE_QUESTION = /(?<=[가-힣])(?<!(?:^|[^가-힣])하)나\?|[가-힣](?<![니마])다(?=[.:;?]|\)(?![가-힣])|\s\(|\((?![^)]*\)[가-힣])|\n|$)/;
/** 해요체 sentence endings in UI messages and questions: "…하세요.", "…없어요.", "…인가요?" */
const HAEYOCHE = /(?:세요|어요|아요|해요|나요|가요|예요|에요)(?:[.?!]|$)/;

/** What is wrong with a Korean text, one phrase per problem. */
function koreanProblems(ko: string, speech: 'question' | 'ui'): string[] {
  const out: string[] = [];
  const fallback = PARTICLE_FALLBACK.exec(ko);
  if (fallback) out.push(`particle fallback "${fallback[0]}"`);
  for (const v of glossaryViolations(ko)) out.push(`glossary: "${v.found}" for ${v.term}, write "${v.write}"`);
  const mixed = MIXED.exec(ko);
  if (mixed) out.push(`mixed language "${mixed[0]}"`);
  if (NOTES_KO.test(ko)) out.push('refers to notes the learner never saw');
  if (EMPTY_LIST.test(ko)) out.push('empty list written as "—"');
  const haerache = HAERACHE.exec(ko) ?? (speech === 'question' ? HAERACHE_QUESTION.exec(ko) : null);
  if (haerache) out.push(`해라체 "${haerache[0]}"`);
  const haeyoche = HAEYOCHE.exec(ko);
  if (haeyoche) out.push(`해요체 "${haeyoche[0]}"`);
  return out;
}

/** What is wrong with the English side of a text that the Korean side mirrors. */
function englishProblems(en: string): string[] {
  const out: string[] = [];
  if (NOTES_EN.test(en)) out.push('refers to notes the learner never saw');
  if (EMPTY_LIST.test(en)) out.push('empty list written as "—"');
  return out;
}

/** Every localized text in a value (prompt, options, explanation, views, assumptions). */
function localizedTexts(value: unknown, out: { en: string; ko: string }[] = []): { en: string; ko: string }[] {
  if (Array.isArray(value)) for (const v of value) localizedTexts(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.ko === 'string' && typeof o.en === 'string') out.push({ en: o.en, ko: o.ko });
    else for (const v of Object.values(o)) localizedTexts(v, out);
  }
  return out;
}

/** Every string of a message file with its key path. */
function messageStrings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => messageStrings(v, key ? `${key}.${k}` : k));
  return [];
}

describe('the checks catch what they are for', () => {
  it('flags each kind of problem in a sample, and passes good Korean', () => {
    expect(koreanProblems('x은(는) 무엇을 출력합니까?', 'question')).toEqual(['particle fallback "은(는)"']);
    expect(koreanProblems('자식이 frame을 씁니다.', 'question')).toEqual(['mixed language "frame을"']);
    expect(koreanProblems('parent의 페이지 테이블', 'question')).toContain('mixed language "parent의"');
    expect(koreanProblems('부모가 사적 익명 영역을 매핑합니다.', 'question')).toHaveLength(1);
    expect(koreanProblems('노트에서 말한 규칙입니다.', 'question')).toEqual(['refers to notes the learner never saw']);
    expect(koreanProblems('해제된 프레임: —.', 'question')).toEqual(['empty list written as "—"']);
    expect(koreanProblems('참조 수는 얼마인가?', 'question')).toEqual(['해라체 "인가?"']);
    expect(koreanProblems('플랫폼마다 다른가?', 'question')).toEqual(['해라체 "른가?"']);
    expect(koreanProblems('acquire()는 무엇을 반환하나?', 'question')).toEqual(['해라체 "나?"']);
    expect(koreanProblems('락은 누가 잡고 있나?', 'question')).toEqual(['해라체 "나?"']);
    expect(koreanProblems('RuntimeError가 발생한다.', 'question')).toEqual(['해라체 "한다"']);
    expect(koreanProblems('하나가 대상으로 한다(glibc 빌드).', 'question')).toEqual(['해라체 "한다"']);
    expect(koreanProblems('어느 OS에서나 기계어가 돈다).', 'question')).toEqual(['해라체 "돈다"']);
    expect(koreanProblems('정상 실행되어 결과를 출력한다', 'question')).toEqual(['해라체 "한다"']);
    expect(koreanProblems('모두 몇 개입니까? 스레드 하나? 나? 바로 하나. 청크마다 (0, i)가 옵니다.', 'question')).toEqual([]);
    expect(koreanProblems('2단계(부모가 p[0]에 쓴다)에서 할당된 프레임입니다. 두 객체는 같다(==)고 해도 다릅니다.', 'question')).toEqual([]);
    expect(koreanProblems('기계어는 CPU와 OS에 묶여 있다', 'ui')).toEqual([]);
    expect(koreanProblems('무엇을 반환하나요?', 'question')).toEqual(['해요체 "나요?"']);
    expect(koreanProblems('모두 고르시오.', 'question')).toEqual(['해라체 "르시오."']);
    expect(koreanProblems('모두 고르십시오.', 'question')).toEqual([]);
    expect(koreanProblems('다시 시도하세요.', 'ui')).toEqual(['해요체 "세요."']);
    expect(koreanProblems('{tier}단계', 'ui')).toEqual(['glossary: "{tier}단계" for tier, write "난이도"']);
    expect(koreanProblems('ARM64 노트북의 Windows 11에서 부모가 p[0]에 씁니다. 무엇을 출력합니까?', 'question')).toEqual([]);
    expect(englishProblems('The notes say so; freed: —.')).toHaveLength(2);
  });
});

describe('generated Korean of every current generator version', () => {
  for (const g of listGenerators()) {
    it(`${g.id}@${g.version}: particles, glossary, one language, 합니다체`, () => {
      const problems = new Map<string, string>();
      for (const tier of g.tiers) {
        for (const seed of SEEDS) {
          const q = buildQuestion({ generator: g.id, version: g.version, seed, tier });
          for (const { en, ko } of localizedTexts(q)) {
            for (const p of koreanProblems(ko, 'question')) problems.set(p, ko);
            for (const p of englishProblems(en)) problems.set(`en: ${p}`, en);
          }
        }
      }
      expect(Object.fromEntries(problems)).toEqual({});
    });
  }
});

describe('Korean UI messages', () => {
  const dir = path.join(__dirname, '../../../messages');
  const files = ['ko.json', ...fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isDirectory()).map((f) => `${f}/ko.json`)];
  for (const file of files) {
    it(`messages/${file}: particles, glossary, one language, 합니다체`, () => {
      const strings = messageStrings(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      expect(strings.length).toBeGreaterThan(0);
      const problems = strings.flatMap(([key, ko]) => koreanProblems(ko, 'ui').map((p) => `${key}: ${p}`));
      expect(problems).toEqual([]);
    });
  }
});
