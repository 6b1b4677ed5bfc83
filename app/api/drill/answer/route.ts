import { NextResponse, type NextRequest } from 'next/server';
import { readBodyText } from '@/lib/http/request-guards';
import { withSecurityHeaders } from '@/lib/http/security-headers';
import { answerEndpoint } from './endpoint';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drill/answer through Next (endpoint.ts has the rules). `npm start`'s server
 * processes answer it before Next (node-handler.ts), with the same endpoint; this route serves
 * it under `next start` and `next dev`, and while the server process's handler is not ready.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const reply = await answerEndpoint({ header: (name) => request.headers.get(name), readBody: (maxBytes) => readBodyText(request, maxBytes) });
  return withSecurityHeaders(NextResponse.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store' } }), { https: request.nextUrl.protocol === 'https:' });
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
