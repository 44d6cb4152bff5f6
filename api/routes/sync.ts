/**
 * /api/sync?since=VERSION: everything that changed since a version, columnar and compact, for the
 * offline copy. since=0 (or a version from another database) is a full snapshot. Bodies are built
 * and compressed once per (base, version, day) — see sync-cache.ts — so a thousand phones, or an
 * attacker sending a thousand distinct `since` values, cost at most a few encodings per version.
 * `near=lng,lat` makes a snapshot regional (the first visit on a phone: data/sync-region.ts);
 * /api/sync/size says how big the whole-country snapshot is before anyone downloads it.
 */
import { Hono, type Context } from 'hono';
import { localDate } from '../../data/merchants';
import { chooseRegion, countInBox, type Box, type SyncRegion } from '../../data/sync-region';
import type { AppEnv } from '../env';
import type { Store } from '../store/port';
import { chooseEncoding } from '../accept-encoding';
import { notModified } from '../http-cache';
import { syncQuery } from '../params';
import { validate } from '../problem';
import { snapshotsAway, syncOnWorker } from '../background';
import { syncBody } from '../sync-body';
import { storeLocation } from '../store/open';
import { createSyncCache, encodeBody, plainBody, syncBase, type SyncCache, type SyncEncoded } from '../sync-cache';

const caches = new WeakMap<Store, SyncCache>();
let regionQueue: Promise<unknown> = Promise.resolve(); // regional snapshots of large stores are built one at a time

/** The sync cache of a store (tests read its build count). */
export function syncCacheOf(store: Store): SyncCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = createSyncCache()));
  return cache;
}

/** The body for base `from` (0: a snapshot, regional when `region` is given), built once per version and day. */
async function bodyFor(c: Context<AppEnv>, from: number, region?: SyncRegion): Promise<SyncEncoded> {
  const { store, clock, config } = c.get('deps');
  const day = localDate(clock());
  const version = await store.version();
  const database = storeLocation(config);
  const counts = await store.counts();
  // a snapshot of a large store takes seconds to read and encode: built in a child process, off
  // this event loop (deltas are small in the common case and stay here)
  const away = from === 0 && snapshotsAway(database, counts.stations + counts.merchants);
  const build = away ? () => syncOnWorker({ database, from, day, region }) : async () => encodeBody(await syncBody(store, from, day, region));
  const queued = region && away ? () => (regionQueue = regionQueue.catch(() => undefined).then(build)) as Promise<SyncEncoded> : build;
  return syncCacheOf(store).get(`${version}-${day}`, region ? region.bbox.join(',') : from, queued);
}

/**
 * Records per region box of the listings in hand: the boxes sit on a grid, so people nearby ask
 * for the same ones, and each count is a pass over every position (≈ 1 ms at 400 k, up to 11 a request).
 */
let boxCounts: { stations: unknown; merchants: unknown; version: number; counts: Map<string, number> } | undefined;
const BOX_COUNTS_KEPT = 4096;

/** The region around `near`, chosen from the listings' record counts (positions in memory, counts kept). */
function regionNear(c: Context<AppEnv>, [lng, lat]: [number, number]): SyncRegion {
  const { listings } = c.get('deps');
  const stations = listings.stations(), merchants = listings.merchants(), version = listings.builtAt();
  // a rebuilt listing may hold other positions, and so may a patched one (records moved in place)
  if (boxCounts?.stations !== stations || boxCounts.merchants !== merchants || boxCounts.version !== version || boxCounts.counts.size > BOX_COUNTS_KEPT) {
    boxCounts = { stations, merchants, version, counts: new Map() };
  }
  const counts = boxCounts.counts;
  return chooseRegion(lng, lat, (b: Box) => {
    const key = b.join(',');
    let n = counts.get(key);
    if (n === undefined) counts.set(key, (n = countInBox(b, stations.cols.lng, stations.cols.lat) + countInBox(b, merchants.cols.lng, merchants.cols.lat)));
    return n;
  });
}

/** Sends an encoded body in the best encoding the client accepts. */
async function send(c: Context<AppEnv>, body: SyncEncoded) {
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Vary', 'Accept-Encoding');
  const enc = chooseEncoding(c.req.header('Accept-Encoding'), ['br', 'gzip'] as const);
  if (enc) c.header('Content-Encoding', enc);
  const bytes = enc ? body[enc] : await plainBody(body);
  return c.body(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)); // a view: megabytes are not copied per request
}

export const syncRoutes = new Hono<AppEnv>()
  .get('/', validate('query', syncQuery), async (c) => {
    const { store, clock } = c.get('deps');
    const q = c.req.valid('query');
    const version = await store.version();
    const from = syncBase(q.since ?? 0, version);
    // `near` only shapes a snapshot; a delta is the whole country's, clipped by the client
    const region = from === 0 && q.near ? regionNear(c, q.near) : undefined;
    const not = notModified(c, `sync${from}-${version}-${localDate(clock())}${region ? `-${region.bbox.join('_')}` : ''}`);
    if (not) return not;
    return send(c, await bodyFor(c, from, region));
  })
  .get('/size', async (c) => {
    // the real size of the whole-country snapshot, in the encoding this client would get it
    const { store } = c.get('deps');
    const [version, counts, body] = await Promise.all([store.version(), store.counts(), bodyFor(c, 0)]);
    const enc = chooseEncoding(c.req.header('Accept-Encoding'), ['br', 'gzip'] as const);
    return c.json({ version, stations: counts.stations, merchants: counts.merchants, encoding: enc ?? 'identity', bytes: enc ? body[enc].length : body.jsonBytes, json: body.jsonBytes });
  });
