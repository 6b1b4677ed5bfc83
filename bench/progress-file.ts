/**
 * A valid lockstep-progress v1 file of about `targetBytes`: one card per generator and
 * reviews spread over them, the largest kind of file a heavy learner exports. Used by the
 * import benchmark (and handy for trying an import by hand:
 * `npx tsx --conditions=react-server bench/progress-file.ts 19 > /tmp/progress.json`).
 */
import { listGenerators } from '@/lib/questions/registry';
import type { CardStateJson } from '@/lib/srs/card-state';
import type { ProgressFileJson } from '@/lib/stats/progress-file';

const DAY = 86_400_000;

function state(tier: number, at: Date, reviews: number): CardStateJson {
  return {
    tier,
    due: new Date(at.getTime() + 3 * DAY).toISOString(),
    stability: 3.17,
    difficulty: 5.28,
    elapsedDays: 1,
    scheduledDays: 3,
    learningSteps: 0,
    reps: reviews,
    lapses: 0,
    state: 2,
    lastReview: at.toISOString(),
    reviewCount: reviews,
    consecutiveLapses: 0,
    replayNext: false,
  };
}

export function largeProgressFile(targetBytes: number): string {
  const generators = listGenerators();
  const start = Date.parse('2025-01-01T00:00:00Z');
  // About 800 bytes of JSON per review.
  const total = Math.max(generators.length, Math.round(targetBytes / 800));
  const perCard = Math.ceil(total / generators.length);
  const cards: ProgressFileJson['cards'] = [];
  const reviews: ProgressFileJson['reviews'] = [];
  generators.forEach((g, c) => {
    const cardId = `card-${c}`;
    cards.push({ id: cardId, generator: g.id, createdAt: new Date(start).toISOString(), ...state(1, new Date(start + perCard * 60_000), perCard) });
    for (let i = 0; i < perCard; i++) {
      const at = new Date(start + i * 60_000 + c);
      reviews.push({
        id: `review-${c}-${i}`,
        cardId,
        reviewIndex: i,
        generator: g.id,
        version: g.version,
        seed: (c * 7919 + i * 104_729) % 0xffff_fff0,
        tier: 1,
        response: 'a',
        correct: i % 5 !== 0,
        rating: i % 5 === 0 ? 1 : 3,
        durationMs: 4200 + (i % 1000),
        stateBefore: state(1, at, i),
        stateAfter: state(1, at, i + 1),
        reviewedAt: at.toISOString(),
        undoneAt: null,
      });
    }
  });
  const file: ProgressFileJson = { format: 'lockstep-progress', version: 1, exportedAt: new Date(start + 400 * DAY).toISOString(), settings: null, deckTopics: [], cards, reviews };
  return JSON.stringify(file);
}

if (process.argv[1]?.endsWith('progress-file.ts')) {
  process.stdout.write(largeProgressFile(Number(process.argv[2] ?? 19) * 1024 * 1024));
}
