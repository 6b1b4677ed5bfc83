export type { CardState } from './card-state';

/** ts-fsrs ratings. */
export const RATING = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export type RatingValue = (typeof RATING)[keyof typeof RATING];

export const CARD_STATE = { new: 0, learning: 1, review: 2, relearning: 3 } as const;

export interface DrillSettingsValues {
  readonly desiredRetention: number;
  readonly newPerDay: number;
  readonly reviewsPerDay: number;
  readonly timeZone: string;
  readonly examDate: Date | null;
  /** The learner's fitted FSRS-6 weights (FSRS_WEIGHT_COUNT numbers); null or absent: ts-fsrs defaults. */
  readonly weights?: readonly number[] | null;
}

/** FSRS-6 has 21 weights. */
export const FSRS_WEIGHT_COUNT = 21;

export const DEFAULT_SETTINGS: DrillSettingsValues = {
  desiredRetention: 0.9,
  newPerDay: 10,
  reviewsPerDay: 200,
  timeZone: 'UTC',
  examDate: null,
  weights: null,
};
