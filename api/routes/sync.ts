/**
 * /api/sync?since=VERSION: everything that changed since a version, columnar and compact, for the
 * offline copy. since=0 (or a version from another database) is a full snapshot. Bodies are
 * gzipped once per (since, version) and kept, so a thousand phones syncing cost one encoding.
 */
import { Hono } from 'hono';
import { gzipSync } from 'node:zlib';
import { publicMerchant } from '../../data/merchants';
import type { Station } from '../../data/schema';
import { encodeMerchants, encodeStations } from '../../data/sync-codec';
import type { AppEnv } from '../app';
import type { Store } from '../store/port';
import { notModified } from '../http-cache';
import { syncQuery } from '../params';
import { validate } from '../problem';

interface Encoded {
  json: string;
  gzip: Buffer;
}
const CACHE_ENTRIES = 8; // (since, version) bodies kept per store
const caches = new WeakMap<Store, Map<string, Encoded>>();

/** The sync body for `since` against the store's current state. */
export function syncBody(store: Store, since: number): string {
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
    stations: encodeStations(stations),
    deletedStations: full ? [] : s.deleted,
    merchants: encodeMerchants(m.upserts.map((x) => publicMerchant(x))),
    deletedMerchants: full ? [] : m.deleted,
  });
}

function cached(store: Store, since: number): Encoded {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const key = `${since}-${store.version()}`;
  let hit = cache.get(key);
  if (!hit) {
    const json = syncBody(store, since);
    hit = { json, gzip: gzipSync(json, { level: 9 }) };
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit;
}

export const syncRoutes = new Hono<AppEnv>().get('/', validate('query', syncQuery), (c) => {
  const since = c.req.valid('query').since ?? 0;
  const { store } = c.get('deps');
  const not = notModified(c, `sync${since}-${store.version()}`);
  if (not) return not;
  const body = cached(store, since);
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Vary', 'Accept-Encoding');
  if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
    c.header('Content-Encoding', 'gzip');
    return c.body(new Uint8Array(body.gzip));
  }
  return c.body(body.json);
});
