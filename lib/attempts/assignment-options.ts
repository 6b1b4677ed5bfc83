/**
 * The choices an instructor makes for an assignment, each one list: the form offers them in
 * this order (the first is preselected), the action's schema accepts exactly these, and the
 * stored strings are these.
 */

export const ASSIGNMENT_KINDS = ['assignment', 'exam'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** Whose questions share seeds: each student's own, the whole class's, or a fresh draw per attempt. */
export const SEED_POLICIES = ['per-student', 'shared', 'per-attempt'] as const;
export type SeedPolicy = (typeof SEED_POLICIES)[number];

/** When a student sees answers and feedback: once handed in, after each question, or after the due time. */
export const SHOW_ANSWERS = ['after-submit', 'after-question', 'after-due'] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];

/** Whether an attempt after the due time is refused or accepted with a penalty. */
export const LATE_POLICIES = ['closed', 'penalty'] as const;
export type LatePolicy = (typeof LATE_POLICIES)[number];
