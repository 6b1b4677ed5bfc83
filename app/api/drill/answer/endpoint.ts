import 'server-only';
import { answerFor, type AnswerContext, type AnswerState } from '@/app/(study)/drill/answer';
import { refuseActionOrigin, type Refusal } from '@/lib/http/request-guards';

/** Longest answer body taken (an answer is a few ids and the learner's response). */
export const MAX_ANSWER_BYTES = 64 * 1024;

export type Refused = { status: 'refused'; message: string };

/** The parts of an HTTP request the answer endpoint reads, from Next's Request or from node:http's. */
export interface AnswerRequestParts {
  header(name: string): string | null;
  /** The body as text, or a refusal (413 over `maxBytes`, 400 when it breaks off). */
  readBody(maxBytes: number): Promise<{ text: string } | Refusal>;
}

export interface AnswerReply {
  status: number;
  body: AnswerState | Refused;
}

/**
 * POST /api/drill/answer: a drill answer as JSON (`{ cardId, reviewIndex, response, durationMs }`),
 * graded and recorded; the reply is the AnswerState, with the review that comes next. The drill
 * player's only write per answer. proxy.ts does not run here (its matcher), so the endpoint
 * makes its checks itself: a request from another site (Origin) is refused with 403, a body
 * that is not JSON with 415 or 400, one over MAX_ANSWER_BYTES with 413; signed out is 401.
 * A cross-site form cannot send application/json, and a cross-site fetch of it needs a CORS
 * preflight this route never grants.
 *
 * Served by route.ts through Next, and by node-handler.ts straight from the server process
 * (scripts/server.mjs): the same checks, in the same order, and the same replies.
 */
export async function answerEndpoint(request: AnswerRequestParts, context?: AnswerContext): Promise<AnswerReply> {
  try {
    return await answer(request, context);
  } catch (error) {
    // answerFor catches its own failures; this is anything before it (the session read)
    console.error('POST /api/drill/answer failed', error);
    return { status: 200, body: { status: 'error' } };
  }
}

async function answer(request: AnswerRequestParts, context: AnswerContext | undefined): Promise<AnswerReply> {
  const refuse = (status: number, message: string): AnswerReply => ({ status, body: { status: 'refused', message } });
  if (refuseActionOrigin(request.header('origin'), request.header('x-forwarded-host'), request.header('host'))) {
    return refuse(403, 'Forbidden: answers can only be sent from this site.');
  }
  if (!/^application\/json\s*(;|$)/i.test(request.header('content-type') ?? '')) {
    return refuse(415, 'Unsupported media type: send the answer as application/json.');
  }
  const body = await request.readBody(MAX_ANSWER_BYTES);
  if (!('text' in body)) return refuse(body.status, body.message);
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch {
    return refuse(400, 'Bad request: the body is not JSON.');
  }
  const state = await answerFor(input, context);
  return { status: state.status === 'unauthorized' ? 401 : 200, body: state };
}
