// SelfCheck service worker: the app works offline after the first visit.
// The cache name carries the build id (a hash of the site's files, filled in at build time by
// scripts/make_site_extras.py), so a new build installs a new cache and deletes the old one.
// Only same-origin GETs are handled: uploads to a receiver are never cached or replayed here.
'use strict';
const BUILD = '@SELFCHECK_BUILD_ID@';
const CACHE = 'selfcheck-' + BUILD;
const SHELL = ['./', 'index.html', 'platform.js', 'touch.js', 'index.js', 'index.wasm', 'index.data',
               'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'];

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: 'reload' bypasses the HTTP cache so the new build's files are what gets stored.
    await Promise.all(SHELL.map(async url => {
      try {
        const r = await fetch(new Request(url, { cache: 'reload' }));
        if (r.ok) await cache.put(url, r);
      } catch (e) { if (url !== 'icon-192.png' && url !== 'icon-512.png') throw e; }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith('selfcheck-') && k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The deployment's settings: fresh when online, the last copy offline.
  if (url.pathname.endsWith('/config.json')) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const r = await fetch(req, { cache: 'no-store' });
        if (r.ok) await cache.put(req, r.clone());
        return r;
      } catch (e) {
        return (await cache.match(req)) || new Response('{}', { status: 404, headers: { 'Content-Type': 'application/json' } });
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = req.mode === 'navigate' ? 'index.html' : req;
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
    const r = await fetch(req);
    // Files fetched on demand (the fallback font) are kept for the next offline start.
    if (r.ok && url.pathname.includes('/fonts/')) await cache.put(req, r.clone());
    return r;
  })());
});
