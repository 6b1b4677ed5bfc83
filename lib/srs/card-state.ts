/**
 * The scheduling state of one card: the one list of its fields. The type, the field list
 * (also the stored card's columns of the same names), the picker and the JSON form kept in
 * review logs and progress files all derive from `cardStateSchema`.
 */
import { z } from 'zod';

/** An instant in JSON: ISO 8601 text (Z or an offset), a Date in memory. */
export const instant = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

export const cardStateSchema = z.object({
  tier: z.int(),
  /** The FSRS fields (ts-fsrs Card, converted in mapper.ts), `due` to `lastReview`. */
  due: instant,
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.int(),
  scheduledDays: z.int(),
  learningSteps: z.int(),
  reps: z.int(),
  lapses: z.int(),
  /** ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: z.int(),
  lastReview: instant.nullable(),
  /** Reviews answered so far (undone ones excluded); with the card id it derives each review's seed. */
  reviewCount: z.int(),
  consecutiveLapses: z.int(),
  /** A leech dropped a tier: its next review opens with a worked example. */
  replayNext: z.boolean(),
});

/** The scheduling state of one card, as stored (lib/db) and as lib/srs reasons about it. */
export type CardState = Readonly<z.output<typeof cardStateSchema>>;
/** A card state in JSON: dates as ISO text. */
export type CardStateJson = z.input<typeof cardStateSchema>;

/** The fields of a CardState, which are also the stored card's columns of the same names. */
export const CARD_STATE_FIELDS = cardStateSchema.keyof().options;
export type CardStateField = (typeof CARD_STATE_FIELDS)[number];

/** A Prisma `select` of a card's state columns. */
export const CARD_STATE_SELECT = Object.fromEntries(CARD_STATE_FIELDS.map((field) => [field, true])) as { readonly [K in CardStateField]: true };

/** Just the card-state fields of a stored card row (drops ids, timestamps and relations). */
export function pickCardState(row: CardState): CardState {
  const state: Partial<Record<CardStateField, unknown>> = {};
  for (const field of CARD_STATE_FIELDS) state[field] = row[field];
  return state as CardState;
}

/** A card state as JSON (fields in CARD_STATE_FIELDS order, other properties of `card` dropped). */
export function cardStateToJson(card: CardState): CardStateJson {
  return z.encode(cardStateSchema, card);
}

/** A card state from JSON: the state, or the first problem as `field: message`. */
export function cardStateFromJson(json: unknown): { ok: true; state: CardState } | { ok: false; problem: string } {
  const parsed = cardStateSchema.safeParse(json);
  if (parsed.success) return { ok: true, state: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'card state'}: ${issue?.message ?? 'invalid'}` };
}
