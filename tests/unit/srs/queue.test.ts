import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avoidRepeat, buildQueue, EXAM_WEAK_RETRIEVABILITY, interleaveByTopic, type QueueCard, type QueueInput } from '@/lib/srs/queue';
import { EXAM_WINDOW_DAYS, retrievability } from '@/lib/srs/scheduler';
import { DEFAULT_SETTINGS } from '@/lib/srs/types';
import { at, DAY, HOUR, MINUTE, newQueueCard, NOW, queueCard, settings } from './fixtures';

const ids = (cards: readonly { id: string }[]) => cards.map((c) => c.id);

function input(cards: readonly QueueCard[], overrides: Partial<QueueInput> = {}): QueueInput {
  return { cards, now: NOW, settings: settings(), reviewsToday: 0, newToday: 0, ...overrides };
}

describe('interleaveByTopic', () => {
  it('takes one item per topic per round, topics in order of first appearance, keeping each topic’s order', () => {
    const items = [
      { id: 'a1', topic: 'a' },
      { id: 'a2', topic: 'a' },
      { id: 'a3', topic: 'a' },
      { id: 'b1', topic: 'b' },
      { id: 'c1', topic: 'c' },
      { id: 'c2', topic: 'c' },
    ];
    expect(ids(interleaveByTopic(items))).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('handles empty input and a single topic', () => {
    expect(interleaveByTopic([])).toEqual([]);
    const one = [
      { id: 'x', topic: 't' },
      { id: 'y', topic: 't' },
    ];
    expect(ids(interleaveByTopic(one))).toEqual(['x', 'y']);
  });

  it('is a round-robin permutation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('threads', 'memory', 'pool', 'locks'), { maxLength: 40 }), (topics) => {
        const items = topics.map((topic, i) => ({ id: `i${i}`, topic }));
        const out = interleaveByTopic(items);
        // A permutation of the input.
        expect([...ids(out)].sort()).toEqual([...ids(items)].sort());
        // Each topic keeps its own order.
        for (const topic of new Set(topics)) {
          expect(ids(out.filter((x) => x.topic === topic))).toEqual(ids(items.filter((x) => x.topic === topic)));
        }
        // The k-th item of a topic belongs to round k: rounds never go backwards, and
        // within a round topics come in order of first appearance.
        const firstSeen = [...new Set(topics)];
        const seenCount = new Map<string, number>();
        const keys = out.map((x) => {
          const round = seenCount.get(x.topic) ?? 0;
          seenCount.set(x.topic, round + 1);
          return [round, firstSeen.indexOf(x.topic)] as const;
        });
        for (let i = 1; i < keys.length; i++) {
          const [r0, t0] = keys[i - 1]!;
          const [r1, t1] = keys[i]!;
          expect(r1 > r0 || (r1 === r0 && t1 > t0)).toBe(true);
        }
        // No two neighbours share a topic while more than one topic still has items left.
        for (let i = 1; i < out.length; i++) {
          if (out[i]!.topic === out[i - 1]!.topic) {
            const rest = new Set(out.slice(i).map((x) => x.topic));
            expect(rest.size).toBe(1);
          }
        }
      }),
    );
  });
});

describe('avoidRepeat', () => {
  const g = (...gens: string[]) => gens.map((generator, i) => ({ id: `${generator}-${i}`, generator }));

  it('moves the first card of a different generator to the front, keeping the rest in order', () => {
    const cards = g('a', 'a', 'b', 'c');
    expect(ids(avoidRepeat(cards, 'a'))).toEqual(['b-2', 'a-0', 'a-1', 'c-3']);
  });

  it('leaves the list alone when the first card already differs, or there is no last generator', () => {
    const cards = g('b', 'a', 'c');
    expect(avoidRepeat(cards, 'a')).toEqual(cards);
    expect(avoidRepeat(cards, undefined)).toEqual(cards);
    expect(avoidRepeat(g('a', 'b'), undefined)).toEqual(g('a', 'b'));
  });

  it('leaves the list alone when every card has the last generator, and handles an empty list', () => {
    const cards = g('a', 'a', 'a');
    expect(avoidRepeat(cards, 'a')).toEqual(cards);
    expect(avoidRepeat([], 'a')).toEqual([]);
  });

  it('does not modify its input', () => {
    const cards = Object.freeze(g('a', 'b', 'c'));
    const copy = [...cards];
    avoidRepeat(cards, 'a');
    expect(cards).toEqual(copy);
  });

  it('always returns a permutation whose head differs from last when possible (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 }), fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }), (gens, last) => {
        const cards = g(...gens);
        const out = avoidRepeat(cards, last);
        expect([...ids(out)].sort()).toEqual([...ids(cards)].sort());
        if (last !== undefined && cards.some((c) => c.generator !== last)) expect(out[0]!.generator).not.toBe(last);
        if (last === undefined || cards[0]?.generator !== last || cards.every((c) => c.generator === last)) expect(out).toEqual(cards);
      }),
    );
  });
});

describe('buildQueue', () => {
  it('puts due reviews before new skills', () => {
    const cards = [
      newQueueCard('n1', 'gen-n1', 'threads', at(NOW, -2 * DAY)),
      queueCard('r1', 'gen-r1', 'threads', { due: at(NOW, -HOUR) }),
      newQueueCard('n2', 'gen-n2', 'memory', at(NOW, -3 * DAY)),
      queueCard('r2', 'gen-r2', 'memory', { due: at(NOW, -MINUTE) }),
    ];
    const q = buildQueue(input(cards));
    expect(q.dueCount).toBe(2);
    expect(q.newCount).toBe(2);
    expect(q.cards.slice(0, 2).map((c) => c.state)).toEqual([2, 2]);
    expect(q.cards.slice(2).map((c) => c.state)).toEqual([0, 0]);
  });

  it('excludes seen cards that are not yet due (outside exam mode), counting a card due exactly now', () => {
    const cards = [
      queueCard('later', 'g1', 't', { due: at(NOW, MINUTE) }),
      queueCard('exactly-now', 'g2', 't', { due: NOW }),
      queueCard('tomorrow', 'g3', 't', { due: at(NOW, DAY), stability: 1, lastReview: at(NOW, -30 * DAY) }),
    ];
    const q = buildQueue(input(cards));
    expect(ids(q.cards)).toEqual(['exactly-now']);
    expect(q.dueCount).toBe(1);
  });

  it('counts learning and relearning cards as reviews once due', () => {
    const cards = [
      queueCard('learning', 'g1', 't', { state: 1, due: at(NOW, -MINUTE) }),
      queueCard('relearning', 'g2', 't', { state: 3, due: at(NOW, -2 * MINUTE) }),
      queueCard('learning-later', 'g3', 't', { state: 1, due: at(NOW, 5 * MINUTE) }),
    ];
    const q = buildQueue(input(cards));
    expect(ids(q.cards)).toEqual(['relearning', 'learning']);
    expect(q.dueCount).toBe(2);
    expect(q.newCount).toBe(0);
  });

  it('orders due reviews most overdue first outside exam mode', () => {
    const cards = [
      queueCard('c', 'gc', 't', { due: at(NOW, -HOUR) }),
      queueCard('a', 'ga', 't', { due: at(NOW, -3 * DAY) }),
      queueCard('b', 'gb', 't', { due: at(NOW, -DAY) }),
    ];
    expect(ids(buildQueue(input(cards)).cards)).toEqual(['a', 'b', 'c']);
  });

  it('orders new skills by due date, then generator name', () => {
    const cards = [
      newQueueCard('n-z', 'z-gen', 't', NOW),
      newQueueCard('n-a', 'a-gen', 't', NOW),
      newQueueCard('n-old', 'm-gen', 't', at(NOW, -DAY)),
    ];
    expect(ids(buildQueue(input(cards)).cards)).toEqual(['n-old', 'n-a', 'n-z']);
  });

  it('applies the default limits of 10 new and 200 reviews a day', () => {
    expect(DEFAULT_SETTINGS.newPerDay).toBe(10);
    expect(DEFAULT_SETTINGS.reviewsPerDay).toBe(200);
    expect(DEFAULT_SETTINGS.desiredRetention).toBe(0.9);
    const reviews = Array.from({ length: 250 }, (_, i) => queueCard(`r${i}`, `gr${i}`, `t${i % 3}`, { due: at(NOW, -(i + 1) * MINUTE) }));
    const fresh = Array.from({ length: 25 }, (_, i) => newQueueCard(`n${i}`, `gn${i}`, `t${i % 3}`));
    const q = buildQueue({ cards: [...reviews, ...fresh], now: NOW, settings: DEFAULT_SETTINGS, reviewsToday: 0, newToday: 0 });
    expect(q.dueCount).toBe(200);
    expect(q.newCount).toBe(10);
    expect(q.cards).toHaveLength(210);
    // The 200 most overdue are kept: r49..r249 are due earliest (r249 is 250 minutes overdue).
    const kept = new Set(ids(q.cards.slice(0, 200)));
    for (let i = 50; i < 250; i++) expect(kept.has(`r${i}`)).toBe(true);
  });

  it('honours limits set by the learner', () => {
    const reviews = Array.from({ length: 6 }, (_, i) => queueCard(`r${i}`, `gr${i}`, 't', { due: at(NOW, -(i + 1) * HOUR) }));
    const fresh = Array.from({ length: 6 }, (_, i) => newQueueCard(`n${i}`, `gn${i}`, 't', at(NOW, -i * HOUR)));
    const q = buildQueue(input([...reviews, ...fresh], { settings: settings({ reviewsPerDay: 4, newPerDay: 2 }) }));
    expect(q.dueCount).toBe(4);
    expect(q.newCount).toBe(2);
    // Most overdue reviews, then the oldest new skills.
    expect(ids(q.cards)).toEqual(['r5', 'r4', 'r3', 'r2', 'n5', 'n4']);
  });

  it('reduces the room by what was already answered today, and never goes negative', () => {
    const reviews = Array.from({ length: 6 }, (_, i) => queueCard(`r${i}`, `gr${i}`, 't'));
    const fresh = Array.from({ length: 6 }, (_, i) => newQueueCard(`n${i}`, `gn${i}`, 't'));
    const s = settings({ reviewsPerDay: 5, newPerDay: 3 });
    const cards = [...reviews, ...fresh];

    const partly = buildQueue(input(cards, { settings: s, reviewsToday: 2, newToday: 1 }));
    expect(partly.dueCount).toBe(3);
    expect(partly.newCount).toBe(2);

    const full = buildQueue(input(cards, { settings: s, reviewsToday: 5, newToday: 3 }));
    expect(full).toEqual({ cards: [], dueCount: 0, newCount: 0 });

    const over = buildQueue(input(cards, { settings: s, reviewsToday: 50, newToday: 40 }));
    expect(over).toEqual({ cards: [], dueCount: 0, newCount: 0 });

    // Reviews answered do not use up room for new skills, and the reverse.
    const reviewsDone = buildQueue(input(cards, { settings: s, reviewsToday: 99 }));
    expect(reviewsDone.dueCount).toBe(0);
    expect(reviewsDone.newCount).toBe(3);
    const newDone = buildQueue(input(cards, { settings: s, newToday: 99 }));
    expect(newDone.dueCount).toBe(5);
    expect(newDone.newCount).toBe(0);
  });

  it('interleaves topics round-robin within the due block and within the new block', () => {
    const cards = [
      queueCard('t1', 'g-t1', 'threads', { due: at(NOW, -3 * HOUR) }),
      queueCard('t2', 'g-t2', 'threads', { due: at(NOW, -2 * HOUR) }),
      queueCard('t3', 'g-t3', 'threads', { due: at(NOW, -1.5 * HOUR) }),
      queueCard('m1', 'g-m1', 'memory', { due: at(NOW, -2.5 * HOUR) }),
      queueCard('m2', 'g-m2', 'memory', { due: at(NOW, -HOUR) }),
      queueCard('p1', 'g-p1', 'pool', { due: at(NOW, -0.5 * HOUR) }),
      newQueueCard('nt1', 'g-nt1', 'threads', at(NOW, -2 * DAY)),
      newQueueCard('nt2', 'g-nt2', 'threads', at(NOW, -DAY)),
      newQueueCard('nm1', 'g-nm1', 'memory', NOW),
    ];
    // Due, most overdue first: t1 m1 t2 t3 m2 p1 → threads [t1 t2 t3], memory [m1 m2], pool [p1].
    // New, oldest first: nt1 nt2 nm1 → threads [nt1 nt2], memory [nm1].
    expect(ids(buildQueue(input(cards)).cards)).toEqual(['t1', 'm1', 'p1', 't2', 'm2', 't3', 'nt1', 'nm1', 'nt2']);
  });

  it('does not start with the generator just answered when anything else is available', () => {
    const cards = [queueCard('a', 'gen-a', 't', { due: at(NOW, -2 * HOUR) }), queueCard('b', 'gen-b', 't', { due: at(NOW, -HOUR) })];
    expect(ids(buildQueue(input(cards, { lastGenerator: 'gen-a' })).cards)).toEqual(['b', 'a']);
    expect(ids(buildQueue(input(cards, { lastGenerator: 'gen-b' })).cards)).toEqual(['a', 'b']);
    // Only the same generator left: it stays.
    expect(ids(buildQueue(input(cards.slice(0, 1), { lastGenerator: 'gen-a' })).cards)).toEqual(['a']);
  });

  it('keeps an empty queue empty', () => {
    expect(buildQueue(input([]))).toEqual({ cards: [], dueCount: 0, newCount: 0 });
  });

  describe('exam mode', () => {
    const exam = settings({ examDate: at(NOW, 10 * DAY) });
    // FSRS defines stability as the time at which recall falls to 90 %, and retrievability
    // depends only on elapsed/stability: elapsed > stability means weak (< 0.9).
    const cards = [
      queueCard('due-strong', 'g1', 't', { due: at(NOW, -HOUR), stability: 100, lastReview: at(NOW, -5 * DAY) }),
      queueCard('weak-3x', 'g2', 't', { due: at(NOW, 2 * DAY), stability: 4, lastReview: at(NOW, -12 * DAY) }),
      queueCard('weak-1.6x', 'g3', 't', { due: at(NOW, DAY), stability: 5, lastReview: at(NOW, -8 * DAY) }),
      queueCard('strong-later', 'g4', 't', { due: at(NOW, 3 * DAY), stability: 20, lastReview: at(NOW, -5 * DAY) }),
      queueCard('due-weak-2x', 'g5', 't', { due: at(NOW, -DAY), stability: 3, lastReview: at(NOW, -6 * DAY) }),
      newQueueCard('new', 'g6', 't'),
    ];

    it('pulls not-yet-due weak cards forward and orders all reviews weakest first', () => {
      const q = buildQueue(input(cards, { settings: exam }));
      expect(ids(q.cards)).toEqual(['weak-3x', 'due-weak-2x', 'weak-1.6x', 'due-strong', 'new']);
      expect(q.dueCount).toBe(4);
      expect(q.newCount).toBe(1);
      // Consistent with the module's own retrievability.
      const r = q.cards.slice(0, 4).map((c) => retrievability(c, NOW, exam));
      expect([...r].sort((a, b) => a - b)).toEqual(r);
      const strong = cards.find((c) => c.id === 'strong-later')!;
      expect(retrievability(strong, NOW, exam)).toBeGreaterThanOrEqual(EXAM_WEAK_RETRIEVABILITY);
    });

    it('keeps the weakest reviews when the daily limit cuts the list', () => {
      const q = buildQueue(input(cards, { settings: { ...exam, reviewsPerDay: 2 } }));
      expect(ids(q.cards)).toEqual(['weak-3x', 'due-weak-2x', 'new']);
    });

    it('does not pull cards forward before the exam window or after the exam', () => {
      const expected = ['due-weak-2x', 'due-strong', 'new']; // due only, most overdue first
      for (const examDate of [at(NOW, (EXAM_WINDOW_DAYS + 1) * DAY), at(NOW, -DAY), NOW, null]) {
        expect(ids(buildQueue(input(cards, { settings: settings({ examDate }) })).cards)).toEqual(expected);
      }
      // On the last day of the window it is exam mode.
      expect(ids(buildQueue(input(cards, { settings: settings({ examDate: at(NOW, EXAM_WINDOW_DAYS * DAY) }) })).cards)).toContain('weak-3x');
    });

    it('never pulls new cards or strong cards forward', () => {
      const q = buildQueue(input(cards, { settings: exam }));
      expect(ids(q.cards)).not.toContain('strong-later');
      expect(q.cards.filter((c) => c.state === 0)).toHaveLength(1);
    });
  });

  it('satisfies its invariants on random decks (property)', () => {
    const cardArb = fc.record({
      isNew: fc.boolean(),
      topic: fc.constantFrom('threads', 'memory', 'pool'),
      dueOffsetMin: fc.integer({ min: -5 * 24 * 60, max: 5 * 24 * 60 }),
    });
    fc.assert(
      fc.property(
        fc.array(cardArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        fc.option(fc.integer({ min: 0, max: 29 }), { nil: undefined }),
        (specs, reviewsPerDay, newPerDay, reviewsToday, newToday, lastIndex) => {
          const cards = specs.map((s, i) =>
            s.isNew ? newQueueCard(`c${i}`, `g${i}`, s.topic, at(NOW, s.dueOffsetMin * MINUTE)) : queueCard(`c${i}`, `g${i}`, s.topic, { due: at(NOW, s.dueOffsetMin * MINUTE) }),
          );
          const lastGenerator = lastIndex === undefined ? undefined : `g${lastIndex}`;
          const q = buildQueue({ cards, now: NOW, settings: settings({ reviewsPerDay, newPerDay }), reviewsToday, newToday, lastGenerator });

          const dueSeen = cards.filter((c) => c.state !== 0 && c.due <= NOW);
          const fresh = cards.filter((c) => c.state === 0);
          expect(q.dueCount).toBe(Math.min(dueSeen.length, Math.max(0, reviewsPerDay - reviewsToday)));
          expect(q.newCount).toBe(Math.min(fresh.length, Math.max(0, newPerDay - newToday)));
          expect(q.cards).toHaveLength(q.dueCount + q.newCount);
          expect(new Set(ids(q.cards)).size).toBe(q.cards.length);

          const queuedSeen = q.cards.filter((c) => c.state !== 0);
          expect(queuedSeen).toHaveLength(q.dueCount);
          for (const c of queuedSeen) expect(c.due.getTime()).toBeLessThanOrEqual(NOW.getTime());
          // The kept reviews are the most overdue ones.
          const latestKept = Math.max(...queuedSeen.map((c) => c.due.getTime()));
          for (const c of dueSeen) if (!queuedSeen.includes(c)) expect(c.due.getTime()).toBeGreaterThanOrEqual(latestKept);

          // Reviews before new skills, except that avoidRepeat may lift one card to the front.
          const rest = lastGenerator !== undefined && q.cards.length > 1 ? q.cards.slice(1) : q.cards;
          const firstNew = rest.findIndex((c) => c.state === 0);
          if (firstNew >= 0) expect(rest.slice(firstNew).every((c) => c.state === 0)).toBe(true);
          if (lastGenerator !== undefined && q.cards.length > 1) expect(q.cards[0]!.generator).not.toBe(lastGenerator);
          // One card per generator, so no generator ever appears twice in a row.
          for (let i = 1; i < q.cards.length; i++) expect(q.cards[i]!.generator).not.toBe(q.cards[i - 1]!.generator);
        },
      ),
    );
  });
});
