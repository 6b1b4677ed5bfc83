/**
 * The shapes every question generator produces and every renderer, grader and store
 * consumes. A question is fully determined by its `QuestionRef`; the database stores the
 * ref and the learner's response, never rendered text.
 */
import type { ChallengeProgram, Goal } from '@/lib/sim/challenge/types';
import type { Rng } from '@/lib/sim/rng';

export type Lang = 'ko' | 'en';
/** User-visible text in both languages. */
export type Localized = { readonly en: string; readonly ko: string };

export type Tier = 1 | 2 | 3;
export const TIERS: readonly Tier[] = [1, 2, 3];

/** The engines (simulators) questions come from. */
export type Domain = 'threads' | 'memory' | 'pool' | 'build' | 'objects';

/** The eight study topics of shared/seed/topics.md, in its order. */
export type TopicId = 'objects' | 'targets' | 'compile' | 'pool' | 'cow' | 'daemon' | 'event' | 'lock';

export interface QuestionRef {
  readonly generator: string;
  readonly version: number;
  readonly seed: number;
  readonly tier: Tier;
}

export type PromptBlock =
  | { readonly kind: 'text'; readonly text: Localized }
  /**
   * A program as shown. Plain when it has no prose comments; per language when its comments
   * speak the learner's language, and then the two texts are the same program: they differ only
   * in comments (tests/oracle/shown-code.test.ts parses both with python3's `ast` or runs both
   * through gcc's preprocessor). Oracles run the English text.
   */
  | { readonly kind: 'code'; readonly language: 'python' | 'c' | 'text'; readonly code: CellText }
  | {
      readonly kind: 'table';
      readonly caption?: Localized;
      readonly header: readonly Localized[];
      readonly rows: readonly (readonly CellText[])[];
    };

/** A table cell: plain (language-neutral, e.g. code or numbers) or localized text. */
export type CellText = string | Localized;

/** A cell or program in one language. */
export function inLang(text: CellText, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}

/** A misconception a wrong option stands for; ids are stable (stats group by them). */
export interface Misconception {
  readonly id: string;
  readonly text: Localized;
}

export interface Option {
  /** Stable, semantic id (e.g. "T2", "none", "True@3"); the answer refers to it. */
  readonly id: string;
  readonly label: Localized;
  /** Render the label as code. */
  readonly code?: boolean;
  /** Set on distractors that embody a known misconception. */
  readonly misconception?: Misconception;
}

/**
 * A wrong answer to a non-choice question that a misconception's model produces for this
 * scenario (a number, an order of items): what an option's `misconception` is for choices.
 * Never the right answer; stripped, like the answer, from what the browser gets before grading.
 */
export interface Diagnosis<V> {
  readonly value: V;
  readonly misconception: Misconception;
}

/** How the learner answers, and what the grader accepts. */
export type ResponseSpec =
  | { readonly kind: 'choice'; readonly options: readonly Option[] }
  | { readonly kind: 'multi'; readonly options: readonly Option[] }
  | {
      readonly kind: 'ordering';
      readonly items: readonly Option[];
      /** Wrong orders (item ids) that misconceptions' models produce. */
      readonly diagnoses?: readonly Diagnosis<readonly string[]>[];
    }
  | {
      readonly kind: 'number';
      readonly integer: boolean;
      readonly min?: number;
      readonly max?: number;
      readonly unit?: Localized;
      readonly tolerance?: number;
      /** Wrong numbers that misconceptions' models produce. */
      readonly diagnoses?: readonly Diagnosis<number>[];
    }
  | { readonly kind: 'text'; readonly maxLength: number; readonly placeholder?: Localized }
  /** A schedule of moves (thread names, "tick") replayed on the challenge simulator, or "impossible". */
  | { readonly kind: 'schedule'; readonly program: ChallengeProgram; readonly goal: Goal; readonly maxMoves: number };

/**
 * The canonical correct answer, in the form the `ResponseSpec` takes:
 * choice → option id; multi → option ids sorted; ordering → item ids in order;
 * number → number; text → the accepted string; schedule → a shortest winning schedule or "impossible".
 * Exported programs print exactly this as `ANSWER <json>`.
 */
export type Answer = string | number | readonly string[];

// ---------------------------------------------------------------- explanations

export type ThreadCellState =
  | 'not-started'
  | 'running'
  | 'ready'
  | 'blocked'
  | 'sleeping'
  | 'finished'
  | 'killed';

export interface TimelineCell {
  readonly state: ThreadCellState;
  /** What the thread is blocked on or doing, e.g. "L1", "ev", "join T2". */
  readonly detail?: string;
  /** Locks this thread holds during the tick. */
  readonly holds?: readonly string[];
}

/** Threads as rows, ticks as columns: drawn and stepped through by the UI. */
export interface TimelineView {
  readonly kind: 'timeline';
  readonly ticks: number;
  readonly rows: readonly { readonly id: string; readonly label: string; readonly cells: readonly TimelineCell[] }[];
  /** Per lock, the holder during each tick (null: free). */
  readonly locks: readonly { readonly id: string; readonly holders: readonly (string | null)[] }[];
  readonly events: readonly { readonly tick: number; readonly thread: string; readonly text: Localized }[];
  /** The tick the step-through opens at: the one the question asks about (absent: the last). */
  readonly open?: number;
}

export interface PageTableEntryView {
  readonly vpage: number;
  readonly frame: number | null;
  readonly present: boolean;
  readonly writable: boolean;
  readonly cow: boolean;
  readonly shared: boolean;
}

export interface MemorySnapshotView {
  readonly label: Localized;
  readonly processes: readonly {
    readonly pid: string;
    readonly label: string;
    readonly entries: readonly PageTableEntryView[];
  }[];
  readonly frames: readonly {
    readonly frame: number;
    readonly refcount: number;
    readonly content?: string;
    readonly zero?: boolean;
  }[];
  /** Counters after this step: frames in use, faults, copies. */
  readonly counters: Readonly<Record<string, number>>;
}

/** Page tables and frames side by side, one snapshot per step. */
export interface MemoryView {
  readonly kind: 'memory';
  readonly steps: readonly MemorySnapshotView[];
  /** The snapshot (index into `steps`) the step-through opens at: the one the question asks about (absent: the last). */
  readonly open?: number;
}

export interface TableView {
  readonly kind: 'table';
  readonly caption?: Localized;
  readonly header: readonly Localized[];
  readonly rows: readonly (readonly CellText[])[];
}

export type ExplanationView = TimelineView | MemoryView | TableView;

export interface Explanation {
  /** Paragraphs explaining why the answer is what it is, derived from the trace. */
  readonly summary: readonly Localized[];
  /** The simulator's trace as view models. */
  readonly views: readonly ExplanationView[];
  /** The rule of the real system the question rests on (CPython / Linux). */
  readonly rule?: Localized;
}

/**
 * How the oracle reads a measured program's output (the program is the shown code, unchanged,
 * and prints timings rather than an `ANSWER` line): `ranking` — one `name ms` line per option
 * (`runners`: option id → printed name) and `loop_again`; `break-even` — one
 * `ms=<w> loop <ms> ms pool <ms> ms` line per candidate. lib/questions/pool/measured.ts
 * `judgeTimings` turns a run into an answer or NOISY.
 */
export type TimingCheck =
  | { readonly kind: 'ranking'; readonly runners: Readonly<Record<string, string>>; readonly loopWorkMs: number }
  | { readonly kind: 'break-even'; readonly items: number; readonly candidates: readonly number[] };

export interface Program {
  readonly language: 'python' | 'c';
  /** A runnable program whose last output line is `ANSWER <json>` (or, with `check`, whose timings `check` reads). */
  readonly source: string;
  readonly check?: TimingCheck;
}

export interface Question {
  readonly ref: QuestionRef;
  readonly topic: TopicId;
  readonly domain: Domain;
  readonly title: Localized;
  readonly prompt: readonly PromptBlock[];
  readonly response: ResponseSpec;
  readonly answer: Answer;
  readonly explanation: Explanation;
  /** Stated assumptions (tick model, zero page, …) the answer rests on. */
  readonly assumptions?: readonly Localized[];
}

/** What a generator's `question()` builds; the registry stamps the ref, topic, domain and title. */
export type QuestionBody = Omit<Question, 'ref' | 'topic' | 'domain' | 'title'>;

/** A scenario and what the search that chose it worked out about it (runs, misbelief outputs, rankings). */
export interface Generated<S, A> {
  readonly scenario: S;
  readonly analysis: A;
}

/**
 * A question generator. `generate` must be deterministic in `rng` and must only return
 * scenarios whose answer cannot change with a timing tie or a scheduling choice; it hands
 * what its search worked out on as `analysis`, which `analyze(scenario)` recomputes from the
 * scenario alone (for a scenario read back without it). `question` is a pure function of
 * both. Changing the output for an existing seed requires a new `version`.
 */
export interface Generator<S = unknown, A = unknown> {
  readonly id: string;
  readonly version: number;
  readonly domain: Domain;
  readonly topic: TopicId;
  readonly title: Localized;
  readonly tiers: readonly Tier[];
  generate(rng: Rng, tier: Tier): Generated<S, A>;
  analyze(scenario: S): A;
  question(scenario: S, analysis: A): QuestionBody;
  /** A real program (Python 3 or C) performing the scenario, ending with `ANSWER <json>`. */
  program?(scenario: S): Program;
  /**
   * Optional, for tests: re-checks that no tie (events sharing a tick, a scheduling choice)
   * can change the scenario's answer, e.g. by re-simulating under every tie-break order.
   */
  tieFree?(scenario: S): boolean;
  /**
   * Optional: the step the question asks about, where its explanation steps through a run
   * (the tick of a timeline, the index of a memory snapshot), so the explanation opens there.
   * Not part of the question's output: `openAtAskedStep` in the registry stamps it on the
   * explanation shown after answering, so recorded fingerprints stay as they are.
   */
  askedStep?(scenario: S): number;
}

/** Helper for generator modules: checks the scenario and analysis types while erasing them for the registry. */
export function defineGenerator<S, A>(g: Generator<S, A>): Generator {
  return g as unknown as Generator;
}
