/// <reference lib="webworker" />
/**
 * The service worker, as a short table of routes. For now it precaches the app shell (issue 3);
 * issue 4 adds tiles (cache-first, capped), API reads (network-first) and the offline copy.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Routes: every navigation gets the app shell (the app reads ?station=ID itself); the API is not a page.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

// The first install takes control at once; later versions wait until the user says reload.
clientsClaim();
self.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
