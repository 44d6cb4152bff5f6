/// <reference lib="webworker" />
/**
 * The service worker, as a short table of routes:
 *   precache   the app shell, both language catalogues (in the bundles) and every lazily loaded
 *              chunk the app needs offline (the opening-hours parser, the map, the offline copy)
 *   tiles      first from the caches of routes saved for offline (yizhan-route-<id>: tiles the
 *              page downloaded, only from a source that allows prefetch — never OpenStreetMap's),
 *              then cache-first, kept 30 days, at most TILE_ENTRIES: the tiles the rider viewed
 *   API reads  network-first, falling back to the last answer when the network fails (a slow
 *              network is the page's to time out: web/lib/http.ts reads this cache itself then)
 *   pages      the app shell for every navigation but /api/, /business/ and /tiles/
 * plus Background Sync for the outbox of problem reports, and updates that wait for the user.
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { API_CACHE, API_CACHE_MAX_AGE_S, FROM_CACHE_HEADER } from './lib/http';
import { ROUTE_TILE_CACHE_PREFIX, openDb } from './lib/db';
import { OUTBOX_SYNC_TAG, flushOutbox } from './lib/outbox';
import type { WorkerMessage } from './lib/sw-bridge';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const DAY_S = 86_400;
const TILE_ENTRIES = 2500; // ≈ 50 MB of 20 KB tiles: a city and its roads at the zooms a rider uses
const API_ENTRIES = 300; // last answers of the read API (details, views, config), kept API_CACHE_MAX_AGE_S

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const tiles = new CacheFirst({
  cacheName: 'yizhan-tiles',
  plugins: [
    new CacheableResponsePlugin({ statuses: [0, 200] }), // 0: an opaque tile from a server without CORS
    new ExpirationPlugin({ maxEntries: TILE_ENTRIES, maxAgeSeconds: 30 * DAY_S, purgeOnQuotaError: true }),
  ],
});
/** Marks an answer from the cache, so the page knows the network failed and can prefer its own copy. */
const markCached: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return null;
    const headers = new Headers(cachedResponse.headers);
    headers.set(FROM_CACHE_HEADER, 'cache');
    return new Response(cachedResponse.body, { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};
const apiReads = new NetworkFirst({
  cacheName: API_CACHE,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: API_ENTRIES, maxAgeSeconds: API_CACHE_MAX_AGE_S, purgeOnQuotaError: true }),
    markCached,
  ],
});

/** Public reads worth answering from the cache (not the sync feed: the IndexedDB copy is its cache). */
const API_READ = /^\/api\/(config|health|search|stations|merchants)(\/|$)/;
/** The only other origin the app reaches is the tile server (the CSP allows no other). */
const isTile = (url: URL) => url.origin !== self.location.origin || url.pathname.startsWith('/tiles/');

/**
 * The tile from a route saved for offline use (web/lib/saved-routes.ts), or undefined. Matched
 * through `caches.match` with a cacheName, never `caches.open`: an open Cache object keeps a deleted
 * route's cache — and its bytes — on disk until the worker's garbage is collected or it stops.
 */
async function savedRouteTile(request: Request): Promise<Response | undefined> {
  for (const cacheName of (await caches.keys()).filter((n) => n.startsWith(ROUTE_TILE_CACHE_PREFIX))) {
    const hit = await caches.match(request, { cacheName, ignoreVary: true, ignoreSearch: false });
    if (hit) return hit;
  }
  return undefined;
}

registerRoute(({ request, url }) => request.method === 'GET' && isTile(url), async (o) => (await savedRouteTile(o.request)) ?? tiles.handle(o));
registerRoute(({ request, url }) => request.method === 'GET' && url.origin === self.location.origin && API_READ.test(url.pathname), apiReads);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/business(\/|$)/, /^\/tiles\//] }));

/** Sends the waiting reports and tells open pages; a rejection makes the browser try again later. */
async function flushReports(): Promise<void> {
  const r = await flushOutbox({ db: await openDb() });
  if (r.settled.length) {
    const message: WorkerMessage = { type: 'OUTBOX' };
    for (const c of await self.clients.matchAll({ type: 'window' })) c.postMessage(message);
  }
  if (r.pending) throw new Error(`${r.pending} reports still waiting`);
}

self.addEventListener('sync', (e) => {
  const event = e as ExtendableEvent & { tag: string };
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(flushReports());
});

// The first install takes control at once; later versions wait until the user says reload.
clientsClaim();
self.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
