/** The skill browser's sorts, filters and changes: one list each, shared by the page, the action's schema and the service. */
export const SKILL_SORTS = ['due', 'topic', 'tier', 'stability', 'retrievability', 'lapses'] as const;
export type SkillSort = (typeof SKILL_SORTS)[number];
/** What the browser can be narrowed to: a card state, or the learner's own marks. */
export const SKILL_FILTERS = ['all', 'new', 'learning', 'review', 'relearning', 'suspended', 'buried', 'leech'] as const;
export type SkillFilter = (typeof SKILL_FILTERS)[number];
export const SKILL_CHANGES = ['suspend', 'unsuspend', 'bury', 'reset'] as const;
export type SkillChange = (typeof SKILL_CHANGES)[number];

