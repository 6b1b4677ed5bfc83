import { NextResponse, type NextRequest } from 'next/server';
import { answerForSession, type AnswerState } from '@/app/(study)/drill/answer';
import { readBodyText, refuseActionOrigin } from '@/lib/http/request-guards';
import { withSecurityHeaders } from '@/lib/http/security-headers';

export const dynamic = 'force-dynamic';

/** Longest answer body taken (an answer is a few ids and the learner's response). */
export const MAX_ANSWER_BYTES = 64 * 1024;

type Refused = { status: 'refused'; message: string };

/**
 * POST /api/drill/answer: a drill answer as JSON (`{ cardId, reviewIndex, response, durationMs }`),
 * graded and recorded; the reply is the AnswerState, with the review that comes next. The drill
 * player's only write per answer. proxy.ts does not run here (its matcher), so this route does
 * its checks and headers itself: a request from another site (Origin) is refused with 403, a
 * body that is not JSON with 415 or 400, one over MAX_ANSWER_BYTES with 413; signed out is 401.
 * A cross-site form cannot send application/json, and a cross-site fetch of it needs a CORS
 * preflight this route never grants.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const reply = (state: AnswerState | Refused, status: number) =>
    withSecurityHeaders(NextResponse.json(state, { status, headers: { 'Cache-Control': 'no-store' } }), { https: request.nextUrl.protocol === 'https:' });
  try {
    return await answer(request, reply);
  } catch (error) {
    // answerForSession catches its own failures; this is anything before it (the session read)
    console.error('POST /api/drill/answer failed', error);
    return reply({ status: 'error' }, 200);
  }
}

async function answer(request: NextRequest, reply: (state: AnswerState | Refused, status: number) => Response): Promise<Response> {
  const refuse = (status: number, message: string) => reply({ status: 'refused', message }, status);
  if (refuseActionOrigin(request.headers.get('origin'), request.headers.get('x-forwarded-host'), request.headers.get('host'))) {
    return refuse(403, 'Forbidden: answers can only be sent from this site.');
  }
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    return refuse(415, 'Unsupported media type: send the answer as application/json.');
  }
  const body = await readBodyText(request, MAX_ANSWER_BYTES);
  if (!('text' in body)) return refuse(body.status, body.message);
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch {
    return refuse(400, 'Bad request: the body is not JSON.');
  }
  const state = await answerForSession(input);
  return reply(state, state.status === 'unauthorized' ? 401 : 200);
}

/**
 * Any other method: 405, with the security headers the proxy would have set (OPTIONS too: no
 * cross-site preflight is ever granted). Methods Next answers by itself get the static headers
 * from next.config.js.
 */
function methodNotAllowed(request: NextRequest): Response {
  return withSecurityHeaders(new NextResponse('Method not allowed: send the answer with POST.', { status: 405, headers: { Allow: 'POST', 'content-type': 'text/plain; charset=utf-8' } }), {
    https: request.nextUrl.protocol === 'https:',
  });
}

export { methodNotAllowed as GET, methodNotAllowed as HEAD, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE, methodNotAllowed as OPTIONS };
