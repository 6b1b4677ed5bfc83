/**
 * One Korean term per concept, shared by the UI messages (messages/ko.json and the feature
 * folders) and the question generators. Korean learners here name things as the study notes
 * (shared/seed/study-notes.ko.md) and Korean OS texts do: 스레드, 락, 프로세스, 페이지 테이블,
 * 프레임, 쓰기 시 복사. `avoid` lists the variants this project does not write for the concept;
 * tests/unit/questions/korean.test.ts fails when one appears in a current question or message.
 *
 * Pure data: no Next, no I/O, so the engine (lib/questions) may import it.
 */

export interface Term {
  readonly en: string;
  readonly ko: string;
  /** Korean spellings of the same concept not to write (another term, mixed language). */
  readonly avoid: readonly string[];
}

export const GLOSSARY = {
  /** A question's difficulty (tiers 1–3): 난이도 1, never "1단계", which is a simulation step. */
  tier: { en: 'tier', ko: '난이도', avoid: ['{tier}단계', '{value}단계', '3단계 카드', '1~3단계', '티어'] },
  /** One operation of a simulation, numbered in the steps table: "3단계", "단계 3". */
  step: { en: 'step', ko: '단계', avoid: ['스텝'] },
  /** Anki's rating "Good", as Anki's Korean interface names it. */
  good: { en: 'Good', ko: '좋음', avoid: ['알맞음'] },
  thread: { en: 'thread', ko: '스레드', avoid: ['쓰레드'] },
  daemonThread: { en: 'daemon thread', ko: '데몬 스레드', avoid: ['데몬 쓰레드'] },
  lock: { en: 'lock', ko: '락', avoid: ['잠금 객체'] },
  deadlock: { en: 'deadlock', ko: '교착 상태', avoid: ['데드락', '데드록'] },
  process: { en: 'process', ko: '프로세스', avoid: [] },
  /** The process that called fork() and the one it made: 부모 / 자식, in tables and prose alike. */
  parent: { en: 'parent', ko: '부모', avoid: ['parent의', 'parent가', 'parent는', '부모님'] },
  child: { en: 'child', ko: '자식', avoid: ['child의', 'child가', 'child는', '자녀 프로세스'] },
  secondChild: { en: 'second child', ko: '두 번째 자식', avoid: [] },
  grandchild: { en: 'grandchild', ko: '손자', avoid: ['손주 프로세스'] },
  pageTable: { en: 'page table', ko: '페이지 테이블', avoid: ['페이지테이블', '페이지 표'] },
  frame: { en: 'frame', ko: '프레임', avoid: ['물리 페이지 프레임'] },
  pageFault: { en: 'page fault', ko: '페이지 폴트', avoid: ['페이지 부재', '페이지 오류'] },
  copyOnWrite: { en: 'copy-on-write', ko: '쓰기 시 복사', avoid: ['카피 온 라이트', '쓰기시 복사', '기록 중 복사'] },
  referenceCount: { en: 'reference count', ko: '참조 수', avoid: ['참조 카운트', '레퍼런스 카운트'] },
  /**
   * mmap(MAP_PRIVATE | MAP_ANONYMOUS). Korean Linux texts say 익명 매핑 for an anonymous mapping
   * (the Korean man-pages, wariua/manpages-ko mmap(2)) and 공유 매핑 / 비공개 매핑 for shared and
   * private ones (the Korean translation of The Linux Programming Interface, ch. 49, as quoted in
   * Korean blogs on memory mapping); 사적 영역 is neither.
   */
  privateAnonymousMapping: { en: 'private anonymous mapping', ko: '비공개 익명 매핑', avoid: ['사적 익명', '사적(MAP_PRIVATE)', '프라이빗 익명'] },
  sharedAnonymousMapping: { en: 'shared anonymous mapping', ko: '공유 익명 매핑', avoid: ['공유 익명 영역', '공유(MAP_SHARED) 익명 페이지'] },
  object: { en: 'object', ko: '객체', avoid: ['오브젝트'] },
  instance: { en: 'instance', ko: '인스턴스', avoid: [] },
  class: { en: 'class', ko: '클래스', avoid: [] },
  workerProcess: { en: 'worker process', ko: '워커 프로세스', avoid: ['작업자 프로세스'] },
} as const satisfies Record<string, Term>;

export type TermId = keyof typeof GLOSSARY;

/** A concept's term in one language. */
export function term(id: TermId, lang: 'en' | 'ko'): string {
  return GLOSSARY[id][lang];
}

/** The processes of the copy-on-write scenarios, by the simulator's pid. */
const PROCESS_TERMS: Readonly<Record<string, TermId>> = { parent: 'parent', child: 'child', child2: 'secondChild', grandchild: 'grandchild' };

/** A scenario process's name in one language (부모, 자식, 두 번째 자식, 손자); an unknown pid as it is. */
export function processName(pid: string, lang: 'en' | 'ko'): string {
  const id = PROCESS_TERMS[pid];
  return id ? term(id, lang) : pid;
}

/** Every avoided variant a Korean text contains, with the concept and the term to write instead. */
export function glossaryViolations(ko: string): { term: TermId; found: string; write: string }[] {
  const out: { term: TermId; found: string; write: string }[] = [];
  for (const [id, t] of Object.entries(GLOSSARY) as [TermId, Term][]) {
    for (const variant of t.avoid) if (ko.includes(variant)) out.push({ term: id, found: variant, write: t.ko });
  }
  return out;
}
