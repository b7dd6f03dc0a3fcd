// Offline copy of the app (registered by boot.js). It never contacts any other site.
// scripts/postbuild.py fills in the cache name, which changes with every build (so an update
// replaces the old copy), and the list of every built file.
const CACHE = 'area-send-__CACHE__';
const FILES = __FILES__;

// Keep every built file on install.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

// Drop the copies of earlier builds.
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Answer same-origin requests from the copy first.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit || fetch(event.request)));
});
