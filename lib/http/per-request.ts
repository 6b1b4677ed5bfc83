import 'server-only';
import { headers } from 'next/headers';

/**
 * `read`, run at most once per request: later calls in the same request get the same promise.
 * React's `cache` covers a page's render but not a server action, so the key is the request's
 * own headers object (one per request); nothing outlives the request.
 */
export function oncePerRequest<T>(read: () => Promise<T>): () => Promise<T> {
  const byRequest = new WeakMap<object, Promise<T>>();
  return async () => {
    const request = await headers();
    let value = byRequest.get(request);
    if (!value) {
      value = read();
      byRequest.set(request, value);
    }
    return value;
  };
}
