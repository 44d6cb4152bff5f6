/**
 * /api/sync?since=VERSION: everything that changed since a version, columnar and compact, for the
 * offline copy. since=0 (or a version from another database) is a full snapshot. Bodies are built
 * and compressed once per (base, version, day) — see sync-cache.ts — so a thousand phones, or an
 * attacker sending a thousand distinct `since` values, cost at most a few encodings per version.
 */
import { Hono } from 'hono';
import { localDate, publicMerchant } from '../../data/merchants';
import type { Station } from '../../data/schema';
import { encodeMerchants, encodeStations, spatialOrder } from '../../data/sync-codec';
import type { AppEnv } from '../env';
import type { Store } from '../store/port';
import { chooseEncoding } from '../accept-encoding';
import { notModified } from '../http-cache';
import { syncQuery } from '../params';
import { validate } from '../problem';
import { createSyncCache, syncBase, type SyncCache } from '../sync-cache';

const caches = new WeakMap<Store, SyncCache>();

/** The sync cache of a store (tests read its build count). */
export function syncCacheOf(store: Store): SyncCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = createSyncCache()));
  return cache;
}

/** The sync body for `since` against the store's current state, with the offers of `day`. */
export function syncBody(store: Store, since: number, day: string): string {
  const version = store.version();
  const full = since === 0 || since > version;
  const from = full ? 0 : since;
  const s = store.stationChanges(from);
  const m = store.merchantChanges(from);
  const stations = s.upserts.map((d) => JSON.parse(d) as Station);
  return JSON.stringify({
    format: 1,
    version: s.version,
    since: from,
    full,
    stations: encodeStations(spatialOrder(stations)),
    deletedStations: full ? [] : s.deleted,
    merchants: encodeMerchants(spatialOrder(m.upserts.map((x) => publicMerchant(x, day, true)))),
    deletedMerchants: full ? [] : m.deleted,
  });
}

export const syncRoutes = new Hono<AppEnv>().get('/', validate('query', syncQuery), async (c) => {
  const { store, clock } = c.get('deps');
  const day = localDate(clock());
  const version = store.version();
  const from = syncBase(c.req.valid('query').since ?? 0, version);
  const not = notModified(c, `sync${from}-${version}-${day}`);
  if (not) return not;
  const body = await syncCacheOf(store).get(`${version}-${day}`, from, () => syncBody(store, from, day));
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Vary', 'Accept-Encoding');
  const enc = chooseEncoding(c.req.header('Accept-Encoding'), ['br', 'gzip'] as const);
  if (enc) c.header('Content-Encoding', enc);
  return c.body(new Uint8Array(enc ? body[enc] : body.json));
});
