// The client router sends the tree of segments it shows in `Next-Router-State-Tree` with every
// RSC request. Next parses it while rendering and answers 500 when it is not valid JSON of the
// right shape; proxy.ts cannot help, because Next hides the router's headers from the proxy.
// So the server process (scripts/server.mjs) checks it first, with Next's own parser (what
// it accepts, every header a browser sends, passes), and drops a malformed one: the request is
// then answered as one without a router state (the whole page's payload), never with a 500.
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state.js';

export const ROUTER_STATE_HEADER = 'next-router-state-tree';

/** Whether a `Next-Router-State-Tree` header value (absent: undefined) is one Next can render with. */
export function routerStateIsValid(value) {
  if (value === undefined) return true;
  try {
    parseAndValidateFlightRouterState(value);
    return true;
  } catch {
    return false;
  }
}

/** Removes a malformed router state header from Node request headers; true when it did. */
export function dropMalformedRouterState(headers) {
  if (routerStateIsValid(headers[ROUTER_STATE_HEADER])) return false;
  delete headers[ROUTER_STATE_HEADER];
  return true;
}
