/** Bounds of a student's own mock exam. */
export const MOCK_LIMITS = { count: { min: 1, max: 40 }, minutes: { min: 1, max: 180 } } as const;
