import type { AnswerState } from '../answer';

/** What the browser sends for one answer (POST /api/drill/answer). */
export interface AnswerInput {
  cardId: string;
  reviewIndex: number;
  response: unknown;
  durationMs: number;
}

/**
 * An AnswerState read back from JSON: its one date (the day's summary: when the next card
 * after today falls due) is a string on the wire.
 */
export function answerStateFromJson(json: unknown): AnswerState {
  const state = json as AnswerState;
  if (state.status === 'graded' && state.next.status === 'done' && typeof state.next.summary.nextLaterAt === 'string') {
    return { ...state, next: { ...state.next, summary: { ...state.next.summary, nextLaterAt: new Date(state.next.summary.nextLaterAt) } } };
  }
  return state;
}

/**
 * Sends one answer: the AnswerState the route replies with, `unauthorized` when the session is
 * gone, `error` for any other refusal or a reply that is not the route's JSON. Throws when the
 * server cannot be reached (the player says so).
 */
export async function postAnswer(input: AnswerInput): Promise<AnswerState> {
  const response = await fetch('/api/drill/answer', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (response.status === 401) return { status: 'unauthorized' };
  if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('application/json')) return { status: 'error' };
  try {
    return answerStateFromJson(await response.json());
  } catch {
    return { status: 'error' };
  }
}
