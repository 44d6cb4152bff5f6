/**
 * /api/sync?since=VERSION: everything that changed since a version, columnar and compact, for the
 * offline copy. since=0 (or a version from another database) is a full snapshot. Bodies are built
 * and compressed once per (base, version, day) — see sync-cache.ts — so a thousand phones, or an
 * attacker sending a thousand distinct `since` values, cost at most a few encodings per version.
 */
import { Hono } from 'hono';
import { localDate } from '../../data/merchants';
import type { AppEnv } from '../env';
import type { Store } from '../store/port';
import { chooseEncoding } from '../accept-encoding';
import { notModified } from '../http-cache';
import { syncQuery } from '../params';
import { validate } from '../problem';
import { syncOnWorker } from '../background';
import { syncBody } from '../sync-body';
import { storeLocation } from '../store/open';
import { createSyncCache, encodeBody, syncBase, type SyncCache } from '../sync-cache';

const CHILD_BUILD_MIN_RECORDS = 20_000; // below this a body is built in-process (tens of ms)

const caches = new WeakMap<Store, SyncCache>();

/** The sync cache of a store (tests read its build count). */
export function syncCacheOf(store: Store): SyncCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = createSyncCache()));
  return cache;
}

export const syncRoutes = new Hono<AppEnv>().get('/', validate('query', syncQuery), async (c) => {
  const { store, clock } = c.get('deps');
  const day = localDate(clock());
  const version = await store.version();
  const from = syncBase(c.req.valid('query').since ?? 0, version);
  const not = notModified(c, `sync${from}-${version}-${day}`);
  if (not) return not;
  const database = storeLocation(c.get('deps').config);
  const counts = await store.counts();
  // a snapshot of a large store takes seconds to read and encode: built in a child process, off
  // this event loop (deltas are small in the common case and stay here)
  const away = from === 0 && !('path' in database && database.path === ':memory:') && counts.stations + counts.merchants >= CHILD_BUILD_MIN_RECORDS;
  const build = away ? () => syncOnWorker({ database, from, day }) : async () => encodeBody(await syncBody(store, from, day));
  const body = await syncCacheOf(store).get(`${version}-${day}`, from, build);
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Vary', 'Accept-Encoding');
  const enc = chooseEncoding(c.req.header('Accept-Encoding'), ['br', 'gzip'] as const);
  if (enc) c.header('Content-Encoding', enc);
  return c.body(new Uint8Array(enc ? body[enc] : body.json));
});
