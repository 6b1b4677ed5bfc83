// Lockstep's service worker. Drills, practice and exams are graded on the server, so nothing
// is served from a cache while the server can be reached; when a page cannot be reached, the
// learner sees why (the offline page, kept at install) instead of the browser's error.
const CACHE = 'lockstep-offline-1';
const OFFLINE = '/offline';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(new Request(OFFLINE, { cache: 'reload' }))));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(
    fetch(event.request).catch(async () => (await (await caches.open(CACHE)).match(OFFLINE)) ?? Response.error()),
  );
});
