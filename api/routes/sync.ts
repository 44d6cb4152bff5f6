/**
 * /api/sync?since=VERSION: everything that changed since a version, columnar and compact, for the
 * offline copy. since=0 (or a version from another database) is a full snapshot. Bodies are
 * compressed (brotli and gzip) once per (since, version) and kept, so a thousand phones syncing cost one encoding.
 */
import { Hono } from 'hono';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { localDate, publicMerchant } from '../../data/merchants';
import type { Station } from '../../data/schema';
import { encodeMerchants, encodeStations, spatialOrder } from '../../data/sync-codec';
import type { AppEnv } from '../env';
import type { Store } from '../store/port';
import { notModified } from '../http-cache';
import { syncQuery } from '../params';
import { validate } from '../problem';

interface Encoded {
  json: string;
  gzip: Buffer;
  br: Buffer;
}
const CACHE_ENTRIES = 8; // (since, version) bodies kept per store
const BIG_BODY_CHARS = 256 * 1024; // above this, faster compression levels
const caches = new WeakMap<Store, Map<string, Encoded>>();

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

function cached(store: Store, since: number, day: string): Encoded {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const key = `${since}-${store.version()}-${day}`;
  let hit = cache.get(key);
  if (!hit) {
    const json = syncBody(store, since, day);
    // Best compression for province-sized bodies; national snapshots (MBs) at a level that takes
    // well under a second: quality 11 on 13 MB held the event loop for ~50 s.
    const big = json.length > BIG_BODY_CHARS;
    const br = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: big ? 5 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
    hit = { json, gzip: gzipSync(json, { level: big ? 6 : 9 }), br };
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit;
}

export const syncRoutes = new Hono<AppEnv>().get('/', validate('query', syncQuery), (c) => {
  const since = c.req.valid('query').since ?? 0;
  const { store, clock } = c.get('deps');
  const day = localDate(clock());
  const not = notModified(c, `sync${since}-${store.version()}-${day}`);
  if (not) return not;
  const body = cached(store, since, day);
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Vary', 'Accept-Encoding');
  const accepts = c.req.header('Accept-Encoding') ?? '';
  for (const enc of ['br', 'gzip'] as const) {
    if (!new RegExp(`\\b${enc}\\b`).test(accepts)) continue;
    c.header('Content-Encoding', enc);
    return c.body(new Uint8Array(body[enc]));
  }
  return c.body(body.json);
});
