/**
 * The progress file: a learner's settings, deck, cards and every review as one JSON document
 * (`lockstep-progress`, version 1), what the export writes and the import reads back. This
 * module owns the format: its schema, its types, the export's encoding and the import's
 * validation (in steps, so that a 20 MB file never holds the server for long). lib/db reads
 * and writes the rows; lib/stats/import.ts parses the upload on a worker.
 */
import { z } from 'zod';
import { ALL_TOPICS } from '@/lib/drills/topics';
import { checkRef, getGenerator } from '@/lib/questions/registry';
import { cardStateSchema, cardStateToJson, instant, type CardState } from '@/lib/srs/card-state';
import { isValidTimeZone } from '@/lib/srs/day';
import { weightsSchema } from '@/lib/srs/optimizer';
import type { DrillSettingsValues } from '@/lib/srs/types';

export const PROGRESS_FORMAT = 'lockstep-progress';
/**
 * Bump only with a reader for the files of every earlier version. Version 2 added the
 * learner's fitted FSRS weights (`settings.weights`); a version 1 file reads as having none.
 */
export const PROGRESS_VERSION = 2;
/** Every version this reader accepts. */
export const READABLE_VERSIONS = [1, 2] as const;

/** How many problems an invalid file reports (the rest are counted). */
export const MAX_REPORTED_ISSUES = 10;

const shape = cardStateSchema.shape;
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const id = z.string().min(1).max(64);
const MAX_COUNT = 1_000_000;

/**
 * A card state as the import trusts it: the fields and types of lib/srs/card-state.ts, with
 * bounds on the numbers (a file is user input).
 */
const cardState = cardStateSchema.extend({
  tier: shape.tier.min(1).max(3),
  stability: shape.stability.min(0).max(1_000_000),
  difficulty: shape.difficulty.min(0).max(10),
  elapsedDays: shape.elapsedDays.min(0).max(MAX_COUNT),
  scheduledDays: shape.scheduledDays.min(0).max(MAX_COUNT),
  learningSteps: shape.learningSteps.min(0).max(1000),
  reps: shape.reps.min(0).max(MAX_COUNT),
  lapses: shape.lapses.min(0).max(MAX_COUNT),
  state: shape.state.min(0).max(3),
  reviewCount: shape.reviewCount.min(0).max(MAX_COUNT),
  consecutiveLapses: shape.consecutiveLapses.min(0).max(MAX_COUNT),
} satisfies Partial<typeof shape>);

const settings = z.object({
  desiredRetention: z.number().min(0.7).max(0.97),
  newPerDay: int(0, 100),
  reviewsPerDay: int(0, 2000),
  timeZone: z.string().max(64).refine(isValidTimeZone, { params: { code: 'time-zone' } }),
  examDate: instant.nullable(),
  /** Since version 2: the fitted FSRS-6 weights, null for the defaults. */
  weights: weightsSchema.nullable().default(null),
});

const card = cardState.extend({ id, generator: id, createdAt: instant });

const review = z.object({
  id,
  cardId: id,
  reviewIndex: int(0, MAX_COUNT),
  generator: id,
  version: int(1, 1000),
  seed: int(0, 0xffff_ffff),
  tier: int(1, 3),
  response: z.json(),
  correct: z.boolean(),
  rating: int(1, 4),
  durationMs: int(0, 24 * 3600 * 1000),
  stateBefore: cardState,
  stateAfter: cardState,
  reviewedAt: instant,
  undoneAt: instant.nullable(),
});

type Card = z.output<typeof card>;
type Review = z.output<typeof review>;

/**
 * Checks across rows: known generators, no duplicates, reviews that belong to cards in the
 * file. Fed the head first, then the reviews a chunk at a time (rows numbered from `offset`).
 */
class CrossCheck {
  readonly issues: ImportIssue[] = [];
  private readonly cards = new Map<string, Card>();
  private readonly standing = new Set<string>();

  private issue(section: ImportSection, row: number, field: string, code: string, value?: string | number) {
    this.issues.push({ code, section, row: row + 1, field, ...(value === undefined ? {} : { value: String(value) }) });
  }

  constructor(head: { deckTopics: { topic: string }[]; cards: Card[] }) {
    const topics = new Set<string>();
    head.deckTopics.forEach((d, i) => {
      if (topics.has(d.topic)) this.issue('deckTopics', i, 'topic', 'duplicate-topic', d.topic);
      topics.add(d.topic);
    });
    const generators = new Set<string>();
    head.cards.forEach((c, i) => {
      if (!getGenerator(c.generator)) this.issue('cards', i, 'generator', 'unknown-generator', c.generator);
      if (this.cards.has(c.id)) this.issue('cards', i, 'id', 'duplicate-card', c.id);
      else if (generators.has(c.generator)) this.issue('cards', i, 'generator', 'duplicate-generator', c.generator);
      this.cards.set(c.id, c);
      generators.add(c.generator);
    });
  }

  reviews(rows: readonly Review[], offset: number) {
    rows.forEach((r, j) => {
      const i = offset + j;
      const owner = this.cards.get(r.cardId);
      if (!owner) {
        this.issue('reviews', i, 'cardId', 'unknown-card', r.cardId);
        return;
      }
      if (!getGenerator(owner.generator)) return; // reported on the card
      if (owner.generator !== r.generator) {
        this.issue('reviews', i, 'generator', 'generator-mismatch', owner.generator);
        return;
      }
      const problem = checkRef({ generator: r.generator, version: r.version, seed: r.seed, tier: r.tier });
      if (problem === 'unknown-generator') this.issue('reviews', i, 'generator', 'unknown-generator', r.generator);
      else if (problem === 'unknown-version') this.issue('reviews', i, 'version', 'unknown-version', r.version);
      else if (problem === 'bad-seed') this.issue('reviews', i, 'seed', 'bad-seed', r.seed);
      else if (problem === 'bad-tier') this.issue('reviews', i, 'tier', 'bad-tier', r.tier);
      if (r.undoneAt !== null) return;
      const key = `${r.cardId}:${r.reviewIndex}`;
      if (this.standing.has(key)) this.issue('reviews', i, 'reviewIndex', 'duplicate-review', r.reviewIndex);
      else if (r.reviewIndex >= owner.reviewCount) this.issue('reviews', i, 'reviewIndex', 'review-index-ahead', r.reviewIndex);
      this.standing.add(key);
    });
  }
}

/** The header, checked first so that a file of another kind gets one clear message. */
export const progressHeader = z.object({
  format: z.literal(PROGRESS_FORMAT, { error: 'format' }),
  version: z.literal(READABLE_VERSIONS, { error: 'version' }),
});

/**
 * Everything but the reviews. The reviews (up to a million rows, most of a 20 MB file) are
 * validated a chunk at a time so that an import never holds the server for long; `reviews`
 * here only checks that they are a list.
 */
const progressHead = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(READABLE_VERSIONS),
  exportedAt: instant,
  settings: settings.nullable(),
  deckTopics: z.array(z.object({ topic: z.enum(ALL_TOPICS as unknown as [string, ...string[]]), addedAt: instant })).max(ALL_TOPICS.length * 2),
  cards: z.array(card).max(10_000),
  reviews: z.array(z.unknown()).max(0),
});
const reviewRows = z.array(review);
/** Reviews per validation step (about 200 KB of JSON, a few ms of work). */
export const REVIEW_CHUNK = 250;

/** A progress file as JSON, as the export writes it. */
export type ProgressFileJson = Omit<z.input<typeof progressHead>, 'reviews'> & { reviews: ReviewJson[] };
/** One review of a progress file as JSON. */
export type ReviewJson = z.input<typeof review>;
/** A progress file after validation, dates as Dates: exactly what the import writes. */
export type ProgressData = Omit<z.output<typeof progressHead>, 'reviews'> & { reviews: Review[] };

const iso = (d: Date) => d.toISOString();

/** What the export reads from the database: the learner's rows, reviews already as JSON. */
export interface ProgressRows {
  settings: DrillSettingsValues | null;
  deckTopics: readonly { topic: string; addedAt: Date }[];
  cards: readonly (CardState & { id: string; generator: string; createdAt: Date })[];
  reviews: ReviewJson[];
}

/** The progress file of a learner's rows, exported at `now`. */
export function progressFile(rows: ProgressRows, now: Date): ProgressFileJson {
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: iso(now),
    settings: rows.settings
      ? { ...rows.settings, examDate: rows.settings.examDate ? iso(rows.settings.examDate) : null, weights: rows.settings.weights ? [...rows.settings.weights] : null }
      : null,
    deckTopics: rows.deckTopics.map((d) => ({ topic: d.topic, addedAt: iso(d.addedAt) })),
    cards: rows.cards.map((c) => ({ id: c.id, generator: c.generator, ...cardStateToJson(c), createdAt: iso(c.createdAt) })),
    reviews: rows.reviews,
  };
}

// ---------------------------------------------------------------------------------------------
// Problems, as values the page turns into sentences

export type ImportSection = 'file' | 'settings' | 'deckTopics' | 'cards' | 'reviews';

export interface ImportIssue {
  /** A message key under stats.import.issues. */
  code: string;
  section: ImportSection;
  /** 1-based row in the section's array. */
  row?: number;
  /** The field inside the row (dotted path), or inside settings / the file. */
  field?: string;
  /** Values the message names: the offending value, a bound, the expected type. */
  value?: string;
  min?: string;
  max?: string;
  expected?: string;
}

export type ParsedProgress = { status: 'ok'; data: ProgressData } | { status: 'invalid'; issues: ImportIssue[]; more: number };

const SECTIONS: readonly ImportSection[] = ['settings', 'deckTopics', 'cards', 'reviews'];

function locate(path: readonly PropertyKey[]): Pick<ImportIssue, 'section' | 'row' | 'field'> {
  const [head, ...rest] = path;
  const section = SECTIONS.find((s) => s === head);
  if (!section) return { section: 'file', ...(head === undefined ? {} : { field: String(head) }) };
  if (section === 'settings') return { section, ...(rest.length ? { field: rest.map(String).join('.') } : {}) };
  const [row, ...field] = rest;
  if (typeof row !== 'number') return { section };
  return { section, row: row + 1, ...(field.length ? { field: field.map(String).join('.') } : {}) };
}

const bound = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : undefined);

function toImportIssue(issue: z.core.$ZodIssue): ImportIssue {
  const where = locate(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return { code: 'missing', ...where };
      if (issue.expected === 'int') return { code: 'int', ...where };
      return { code: 'type', ...where, expected: issue.expected };
    }
    case 'too_small':
      return issue.origin === 'array' ? { code: 'too-few', ...where, min: bound(issue.minimum) } : { code: 'too-small', ...where, min: bound(issue.minimum) };
    case 'too_big':
      return issue.origin === 'array' ? { code: 'too-many', ...where, max: bound(issue.maximum) } : { code: 'too-big', ...where, max: bound(issue.maximum) };
    case 'invalid_format':
      return { code: issue.format === 'datetime' ? 'date' : 'invalid', ...where };
    case 'invalid_value':
      return { code: 'value', ...where, value: issue.values.map((v) => String(v)).join(', ') };
    case 'custom': {
      const params = (issue.params ?? {}) as { code?: string; value?: string };
      return { code: params.code ?? 'invalid', ...where, ...(params.value === undefined ? {} : { value: params.value }) };
    }
    default:
      return { code: 'invalid', ...where };
  }
}

function invalid(issues: ImportIssue[]): ParsedProgress {
  return { status: 'invalid', issues: issues.slice(0, MAX_REPORTED_ISSUES), more: Math.max(0, issues.length - MAX_REPORTED_ISSUES) };
}

/** Zod issues of one chunk of reviews, renumbered to rows of the whole file. */
function reviewIssues(issues: readonly z.core.$ZodIssue[], offset: number): ImportIssue[] {
  return issues.map((issue) => {
    const [row, ...rest] = issue.path;
    return toImportIssue({ ...issue, path: ['reviews', typeof row === 'number' ? offset + row : 0, ...rest] } as z.core.$ZodIssue);
  });
}

/**
 * A progress file split in two: everything but the reviews (with `reviews` as [] when they
 * were a list, or as found otherwise), and the reviews as JSON chunks of REVIEW_CHUNK rows.
 */
export interface SplitProgress {
  head: Record<string, unknown>;
  reviewChunks: readonly string[];
}

/** Splits parsed JSON the way lib/stats/import.ts's worker does, for callers that parse in-process. */
export function splitProgress(json: Record<string, unknown>): SplitProgress {
  const { reviews, ...rest } = json;
  if (!Array.isArray(reviews)) return { head: json, reviewChunks: [] };
  const reviewChunks: string[] = [];
  for (let i = 0; i < reviews.length; i += REVIEW_CHUNK) reviewChunks.push(JSON.stringify(reviews.slice(i, i + REVIEW_CHUNK)));
  return { head: { ...rest, reviews: [] }, reviewChunks };
}

/**
 * Validation as steps: the generator yields after each chunk of work (none longer than some
 * 20 ms for a 20 MB file), and returns the result. Run to the end at once by
 * parseProgressFile, or with pauses between steps by validateProgressInSteps.
 */
function* validationSteps(file: SplitProgress): Generator<void, ParsedProgress> {
  const header = progressHeader.safeParse(file.head);
  if (!header.success) {
    const first = header.error.issues[0];
    const which = first?.path[0] === 'version' ? 'version' : 'format';
    const value = file.head[which];
    return invalid([{ code: which, section: 'file', field: which, ...(value === undefined ? {} : { value: JSON.stringify(value).slice(0, 40) }) }]);
  }
  const head = progressHead.safeParse(file.head, { reportInput: true });
  const issues: ImportIssue[] = head.success ? [] : head.error.issues.map(toImportIssue);
  const reviews: Review[] = [];
  let offset = 0;
  for (const text of file.reviewChunks) {
    yield;
    const rows = JSON.parse(text) as unknown[];
    const parsed = reviewRows.safeParse(rows, { reportInput: true });
    if (parsed.success) reviews.push(...parsed.data);
    else issues.push(...reviewIssues(parsed.error.issues, offset));
    offset += rows.length;
  }
  if (offset > MAX_COUNT) issues.push({ code: 'too-many', section: 'reviews', max: String(MAX_COUNT) });
  if (!head.success || issues.length > 0) return invalid(issues);
  const cross = new CrossCheck(head.data);
  for (let i = 0; i < reviews.length; i += REVIEW_CHUNK) {
    yield;
    cross.reviews(reviews.slice(i, i + REVIEW_CHUNK), i);
  }
  if (cross.issues.length > 0) return invalid(cross.issues);
  return { status: 'ok', data: { ...head.data, reviews } };
}

function isRecord(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/** Parses and validates the text of a progress file in one go; never throws. */
export function parseProgressFile(text: string): ParsedProgress {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid([{ code: 'not-json', section: 'file' }]);
  }
  if (!isRecord(json)) return invalid([{ code: 'format', section: 'file', field: 'format' }]);
  const steps = validationSteps(splitProgress(json));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** What the import's parser hands over: a split file, or why there is none. */
export type ParsedJson = { status: 'ok'; file: SplitProgress } | { status: 'not-json' } | { status: 'not-object' };

/** Validates a split progress file, awaiting `pause()` between steps (to let other requests run); never throws. */
export async function validateProgressInSteps(parsed: ParsedJson, pause: () => Promise<void>): Promise<ParsedProgress> {
  if (parsed.status === 'not-json') return invalid([{ code: 'not-json', section: 'file' }]);
  if (parsed.status === 'not-object') return invalid([{ code: 'format', section: 'file', field: 'format' }]);
  const steps = validationSteps(parsed.file);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
