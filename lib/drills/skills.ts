/**
 * The skill browser: every card of the learner's deck with its schedule, sorted and filtered,
 * and the learner's changes to a card (suspend, unsuspend, bury until tomorrow, reset), which
 * the queue respects (lib/srs/queue.ts isAskable).
 */
import 'server-only';
import { prisma } from '@/lib/db/client';
import { getDeckTopics, getDrillSettings } from '@/lib/db/drills';
import { getGenerator, listGenerators } from '@/lib/questions/registry';
import { CARD_STATE_SELECT } from '@/lib/srs/card-state';
import { nextDayStart, startOfDay } from '@/lib/srs/day';
import { isLeech } from '@/lib/srs/ladder';
import { newCardState } from '@/lib/srs/mapper';
import { retrievability } from '@/lib/srs/scheduler';

import { SKILL_FILTERS, SKILL_SORTS, type SkillChange, type SkillFilter, type SkillSort } from './skill-changes';

const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;

export interface SkillRow {
  cardId: string;
  generator: string;
  topic: string;
  tier: number;
  state: (typeof STATE_NAMES)[number];
  due: Date;
  stability: number;
  /** 0..1; 0 for a card never reviewed. */
  retrievability: number;
  lapses: number;
  leech: boolean;
  suspended: boolean;
  buried: boolean;
}

/** Rows in `sort` order (ties by generator), narrowed to `filter` and, if given, one topic. */
export function arrangeSkills(rows: readonly SkillRow[], sort: SkillSort, filter: SkillFilter, topic: string | null): SkillRow[] {
  const keep = (r: SkillRow) =>
    (topic === null || r.topic === topic) &&
    (filter === 'all' || r.state === filter || (filter === 'suspended' && r.suspended) || (filter === 'buried' && r.buried) || (filter === 'leech' && r.leech));
  const key: Record<SkillSort, (r: SkillRow) => number | string> = {
    due: (r) => r.due.getTime(),
    topic: (r) => r.topic,
    tier: (r) => r.tier,
    stability: (r) => r.stability,
    retrievability: (r) => r.retrievability,
    lapses: (r) => -r.lapses,
  };
  const by = key[sort];
  return rows.filter(keep).sort((a, b) => {
    const x = by(a);
    const y = by(b);
    return x < y ? -1 : x > y ? 1 : a.generator.localeCompare(b.generator);
  });
}

/** Every card of the learner's deck, as the browser shows it at `now`. */
export async function listSkills(userId: string, now: Date): Promise<SkillRow[]> {
  const [settings, topics] = await Promise.all([getDrillSettings(userId), getDeckTopics(userId)]);
  const generators = listGenerators()
    .filter((g) => topics.includes(g.topic))
    .map((g) => g.id);
  const cards = await prisma.card.findMany({
    where: { userId, generator: { in: generators } },
    select: { id: true, generator: true, suspended: true, buriedUntil: true, ...CARD_STATE_SELECT },
  });
  return cards.map((card) => ({
    cardId: card.id,
    generator: card.generator,
    topic: getGenerator(card.generator)?.topic ?? '',
    tier: card.tier,
    state: STATE_NAMES[card.state] ?? 'new',
    due: card.due,
    stability: card.stability,
    retrievability: retrievability(card, now, settings),
    lapses: card.lapses,
    leech: isLeech(card),
    suspended: card.suspended,
    buried: card.buriedUntil !== null && card.buriedUntil.getTime() > now.getTime(),
  }));
}

/**
 * Applies the learner's change to one of their cards: 'not-found' for anyone else's. Bury
 * lasts until the learner's next day starts; reset makes the card new again at tier 1 (its
 * review count stays, so later reviews still get fresh seeds and the logs stay whole).
 */
export async function changeSkill(userId: string, cardId: string, change: SkillChange, now: Date): Promise<'ok' | 'not-found'> {
  let data;
  if (change === 'suspend' || change === 'unsuspend') data = { suspended: change === 'suspend' };
  else if (change === 'bury') {
    const { timeZone } = await getDrillSettings(userId);
    data = { buriedUntil: nextDayStart(startOfDay(now, timeZone), timeZone) };
  } else {
    const card = await prisma.card.findFirst({ where: { id: cardId, userId }, select: { reviewCount: true } });
    if (!card) return 'not-found';
    data = { ...newCardState(now), reviewCount: card.reviewCount, buriedUntil: null };
  }
  const { count } = await prisma.card.updateMany({ where: { id: cardId, userId }, data });
  return count === 1 ? 'ok' : 'not-found';
}

/** The browser's query (from the page's search parameters), with defaults for anything unknown. */
export function skillQuery(params: Record<string, string | string[] | undefined>): { sort: SkillSort; filter: SkillFilter; topic: string | null } {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  const pick = <T extends string>(list: readonly T[], v: string | undefined, fallback: T): T => (list as readonly string[]).includes(v ?? '') ? (v as T) : fallback;
  const topic = one(params.topic);
  return {
    sort: pick(SKILL_SORTS, one(params.sort), 'due'),
    filter: pick(SKILL_FILTERS, one(params.filter), 'all'),
    topic: topic && listGenerators().some((g) => g.topic === topic) ? topic : null,
  };
}

/** The skill browser page: the learner's skills in the query's order and filter, and the deck's topics. */
export async function skillBrowser(userId: string, now: Date, params: Record<string, string | string[] | undefined>) {
  const query = skillQuery(params);
  const [rows, topics] = await Promise.all([listSkills(userId, now), getDeckTopics(userId)]);
  return { query, topics, total: rows.length, rows: arrangeSkills(rows, query.sort, query.filter, query.topic) };
}
