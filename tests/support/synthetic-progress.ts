/**
 * A progress file of a learner who forgets faster than FSRS's default weights expect: every
 * review is scheduled by lib/srs (so the cards' states and logs are what the app would have
 * written), and whether each answer was right is drawn from a memory model whose stability is
 * a fraction of the scheduler's. Fitted weights should therefore predict these reviews better
 * than the defaults. Seeded: the same arguments give the same file.
 */
import { listGenerators } from '@/lib/questions/registry';
import { newCardState } from '@/lib/srs/mapper';
import { reviewCard } from '@/lib/srs/scheduler';
import { reviewSeed } from '@/lib/srs/seed';
import { DEFAULT_SETTINGS, RATING, type CardState, type RatingValue } from '@/lib/srs/types';
import { progressFile, type ProgressFileJson, type ReviewJson } from '@/lib/stats/progress-file';
import { cardStateToJson } from '@/lib/srs/card-state';

const DAY = 86_400_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  /** The export's time; every review is at least a day before it. */
  now: Date;
  /** Days of history before `now`. */
  days?: number;
  /** Reviews per card at most. */
  reviewsPerCard?: number;
  /** The learner's true stability as a fraction of the scheduler's. */
  forgetting?: number;
  seed?: number;
}

/** Recall probability after `elapsedDays` at stability `s` (FSRS's power forgetting curve, decay 0.5). */
const recall = (elapsedDays: number, s: number) => Math.pow(1 + elapsedDays / (9 * Math.max(s, 0.05)), -1);

export function syntheticProgress(options: SyntheticOptions): ProgressFileJson {
  const { now, days = 365, reviewsPerCard = 40, forgetting = 0.3, seed = 7 } = options;
  const random = mulberry32(seed);
  const generators = listGenerators();
  const topics = [...new Set(generators.map((g) => g.topic))];
  const start = new Date(now.getTime() - days * DAY);
  const end = now.getTime() - DAY;
  const cards: (CardState & { id: string; generator: string; createdAt: Date })[] = [];
  const reviews: ReviewJson[] = [];
  generators.forEach((g, index) => {
    const id = `synthetic${String(index).padStart(4, '0')}`;
    const createdAt = new Date(start.getTime() + index * 60_000);
    let card = newCardState(createdAt);
    let at = createdAt;
    while (card.reviewCount < reviewsPerCard && at.getTime() < end) {
      const elapsed = card.lastReview ? (at.getTime() - card.lastReview.getTime()) / DAY : 0;
      const p = card.state === 0 ? 0.75 : elapsed < 1 ? 0.92 : recall(elapsed, card.stability * forgetting);
      const right = random() < p;
      const rating: RatingValue = !right ? RATING.again : random() < 0.15 ? RATING.hard : random() < 0.85 ? RATING.good : RATING.easy;
      const after = reviewCard(card, at, rating, DEFAULT_SETTINGS);
      reviews.push({
        id: `${id}r${card.reviewCount}`,
        cardId: id,
        reviewIndex: card.reviewCount,
        generator: g.id,
        version: g.version,
        seed: reviewSeed(id, card.reviewCount),
        tier: g.tiers.includes(card.tier as never) ? card.tier : g.tiers[0]!,
        response: { choice: 'a' },
        correct: right,
        rating,
        durationMs: 5000 + Math.floor(random() * 20_000),
        stateBefore: cardStateToJson(card),
        stateAfter: cardStateToJson(after),
        reviewedAt: at.toISOString(),
        undoneAt: null,
      });
      card = after;
      // Reviews come when due, sometimes a little late.
      at = new Date(card.due.getTime() + random() * 0.2 * Math.max(card.due.getTime() - at.getTime(), 60_000));
    }
    cards.push({ ...card, id, generator: g.id, createdAt });
  });
  reviews.sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
  return progressFile(
    {
      settings: { ...DEFAULT_SETTINGS, weights: null },
      deckTopics: topics.map((topic) => ({ topic, addedAt: start })),
      cards,
      reviews,
    },
    now,
  );
}

/**
 * The history syntheticProgress makes at this anchor is one fsrs-rs evaluates (its evaluation
 * refuses some data sets as NotEnoughData; see lib/drills/optimize.ts), and ts-fsrs's fuzz
 * depends on absolute times: so a test that needs the history to end near the real `now`
 * builds it at the anchor and moves every instant by whole days, which keeps each review's
 * local day and every gap in days as they were.
 */
export const SYNTHETIC_ANCHOR = new Date('2026-12-03T12:00:00Z');

export function syntheticProgressNear(now: Date): ProgressFileJson {
  const shift = Math.floor((now.getTime() - SYNTHETIC_ANCHOR.getTime()) / DAY) * DAY;
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
  const move = (value: unknown): unknown => {
    if (typeof value === 'string' && instant.test(value)) return new Date(Date.parse(value) + shift).toISOString();
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v)]));
    return value;
  };
  return move(syntheticProgress({ now: SYNTHETIC_ANCHOR })) as ProgressFileJson;
}
