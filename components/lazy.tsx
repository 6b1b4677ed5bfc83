'use client';

import { lazy, Suspense, useSyncExternalStore, type ComponentType } from 'react';

const noSubscription = () => () => {};

/**
 * A component whose code is fetched when it is first shown, with React's own `lazy`, rendered in
 * the browser only: nothing shows until its code has arrived, so whatever is visible already
 * answers clicks and keys (a server-rendered control would look ready while its code was still
 * loading). Used instead of `next/dynamic`, whose client runtime (loadable, preload and bail-out
 * modules, 1.3 kB gzip on /drill/review) every page with a player would otherwise load (issue
 * 16's JS budget).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyComponent(props: P) {
    const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
    if (!inBrowser) return null;
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyComponent;
}
