/**
 * The offline copy in memory: IndexedDB's chunks merged into the same indexes the API builds
 * (data/listing-core), answering nearest, map views, search and details in the API's own shapes —
 * so an answer from here and one from the server for the same question are the same.
 */
import { createListingCore, liveFields, mergeSearch, type ListingCore, type ListingKind, type SearchMatch } from '../../data/listing-core';
import { LIMITS } from '../../data/listing-query';
import { mapAnswer } from '../../data/map-answer';
import { localDate, publicMerchant } from '../../data/merchants';
import type { Merchant, Station } from '../../data/schema';
import type { Columns } from '../../data/sync-codec';
import { listStation, publicStation, type PublicStation } from '../../data/station-view';
import { CORRIDOR_LIMITS, corridorFind, decodeCursor, encodeCursor, roundMetres } from '../../data/corridor-listing';
import { routeCache } from '../../data/geo/corridor';
import type { BBox, CorridorAnswer, CorridorItem, CorridorQuery, ListedStation, NearMerchant, NearStation, NearestQuery, SearchHit, StationFilters, ViewCollection } from './api';
import { stationListItem } from '../../data/list-item';
import { readCopyMeta, readDocChunk, readIndexChunks, type CopyMeta, type Db } from './db';
import { decodeRecords, mergeChunks, type MergedListing, type PlaceRecord } from './offline-copy';

/** Decoded doc chunks kept in memory. */
const DOC_CACHE_CHUNKS = 12;

export type MerchantQuery = Omit<NearestQuery, 'amenities' | 'types'> & { categories?: string[] };

export interface Engine {
  readonly meta: CopyMeta;
  readonly counts: Record<ListingKind, number>;
  nearestStations(q: NearestQuery, at: Date): Promise<ListedStation[]>;
  nearestMerchants(q: MerchantQuery, at: Date): Promise<NearMerchant[]>;
  /** `at`: the instant of each point's open state and current notices */
  inView(kind: ListingKind, bbox: BBox, zoom: number, f?: StationFilters, at?: Date): ViewCollection;
  station(id: string, at: Date): Promise<PublicStation | undefined>;
  merchant(id: string, at: Date): Promise<Merchant | undefined>;
  search(q: string, pos: { lng: number; lat: number }, at: Date, limit?: number): Promise<SearchHit[]>;
  /** Places along a route, as POST /api/corridor answers (the same data/ code); undefined for a question the API would refuse. */
  corridor(q: CorridorQuery, at: Date): Promise<CorridorAnswer | undefined>;
}

/** What the API reads from a query string: numbers as sent (6 decimals), so distances match. */
const sent = (x: number, digits = 6) => Number(x.toFixed(digits));

interface Side {
  core: ListingCore;
  merged: MergedListing;
  keys: string[];
}

/** Loads the copy from IndexedDB into memory; null when there is none yet. */
export async function loadEngine(db: Db): Promise<Engine | null> {
  const meta = await readCopyMeta(db);
  if (!meta) return null;
  const [stationChunks, merchantChunks] = await Promise.all([readIndexChunks(db, meta, 'stations'), readIndexChunks(db, meta, 'merchants')]);
  const side = (kind: ListingKind, merged: MergedListing): Side => ({ core: createListingCore(merged.cols, kind), merged, keys: meta.chunks[kind] });
  const s = side('stations', mergeChunks(stationChunks, 'stations'));
  const m = side('merchants', mergeChunks(merchantChunks, 'merchants'));
  const docs = docCache(db);
  const prepared = routeCache(4); // the next page of a corridor reads on where the last ended

  const record = async <T extends PlaceRecord>(kind: ListingKind, x: Side, chunk: number, row: number) =>
    (await docs.get(kind, x.keys[chunk]))[row] as T;
  const hitRecord = <T extends PlaceRecord>(kind: ListingKind, x: Side, i: number) => record<T>(kind, x, x.merged.chunkOf[i], x.merged.rowOf[i]);
  const stationItem = async (h: SearchMatch | { i: number; distance: number }, at: Date): Promise<NearStation> =>
    ({ ...liveFields(s.core, h, at), ...listStation(await hitRecord<Station>('stations', s, h.i), at) });
  const merchantItem = async (h: { i: number; distance: number }, at: Date): Promise<NearMerchant> =>
    ({ ...liveFields(m.core, h, at), ...publicMerchant(await hitRecord<Merchant>('merchants', m, h.i), localDate(at)) });
  const near = (q: Omit<NearestQuery, 'amenities' | 'types'>, at: Date) => ({
    lng: sent(q.lng), lat: sent(q.lat), limit: Math.min(q.limit ?? LIMITS.nearestDefault, LIMITS.nearestMax), maxDistance: q.maxDistance, open: q.open, at,
  });

  return {
    meta,
    counts: { stations: s.merged.live, merchants: m.merged.live },
    nearestStations: (q, at) =>
      Promise.all(
        s.core.nearest({ ...near(q, at), amenities: q.amenities, types: q.types, notices: q.notices })
          .map(async (h) => stationListItem(s.core, h, at, await hitRecord<Station>('stations', s, h.i))),
      ),
    nearestMerchants: (q, at) =>
      Promise.all(m.core.nearest({ ...near(q, at), categories: q.categories }).map((h) => merchantItem(h, at))),
    inView(kind, bbox, zoom, f = {}, at = new Date()) {
      const x = kind === 'stations' ? s : m;
      const b = bbox.map((n) => sent(n, 5));
      const box: BBox = [Math.max(-180, b[0]), b[1], Math.min(180, b[2]), b[3]];
      const q = kind === 'stations' ? { open: f.open, amenities: f.amenities, types: f.types, notices: f.notices } : { open: f.open === 'now' ? ('now' as const) : undefined };
      return mapAnswer(x.core, box, zoom, q, at) as ViewCollection;
    },
    async station(id, at) {
      const p = s.merged.find(id);
      return p && publicStation(await record<Station>('stations', s, p.chunk, p.row), at);
    },
    async merchant(id, at) {
      const p = m.merged.find(id);
      return p && publicMerchant(await record<Merchant>('merchants', m, p.chunk, p.row), localDate(at));
    },
    async corridor(q, at) {
      if (q.line.length < 2 || q.line.length > CORRIDOR_LIMITS.points || !(q.width >= 1 && q.width <= CORRIDOR_LIMITS.width)) return undefined;
      const route = prepared(q.line);
      const limit = Math.min(q.limit ?? CORRIDOR_LIMITS.itemsDefault, CORRIDOR_LIMITS.items);
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, route, q.width);
      if (after && 'error' in after) return undefined;
      const { found, truncated, next } = corridorFind({ stations: s.core, merchants: m.core }, route, q, limit, at, after);
      const items = await Promise.all(
        found.map(async (h): Promise<CorridorItem> => {
          const where = { along: roundMetres(h.along), offset: roundMetres(h.offset) }, near = { i: h.i, distance: h.offset };
          return h.kind === 'station' ? { kind: 'station', ...where, ...(await stationItem(near, at)) } : { kind: 'merchant', ...where, ...(await merchantItem(near, at)) };
        }),
      );
      return { length: roundMetres(route.length), truncated, ...(next ? { next: encodeCursor(next, route, q.width) } : {}), items };
    },
    async search(q, pos, at, limit = LIMITS.searchDefault) {
      (await import('../../data/pinyin-pro')).installPinyinPro(); // a lazy chunk: the dictionary is large
      const text = q.trim();
      const p = { lng: sent(pos.lng), lat: sent(pos.lat) };
      const best = mergeSearch<{ h: SearchMatch; kind: 'station' | 'merchant' }>(
        s.core.search(text, p, limit).map((h) => ({ h, kind: 'station' })),
        m.core.search(text, p, limit).map((h) => ({ h, kind: 'merchant' })),
        limit,
      );
      return Promise.all(
        best.map(async ({ h, kind }): Promise<SearchHit> =>
          kind === 'station' ? { kind, ...(await stationItem(h, at)) } : { kind, ...(await merchantItem(h, at)) },
        ),
      );
    },
  };
}

/** Doc chunks decoded on first use, the most recently used few kept. */
function docCache(db: Db) {
  const cache = new Map<string, Promise<PlaceRecord[]>>();
  return {
    get(kind: ListingKind, key: string): Promise<PlaceRecord[]> {
      let hit = cache.get(key);
      if (hit) cache.delete(key);
      else {
        hit = readDocChunk(db, key).then((d) => {
          if (!d) throw new Error(`offline copy is missing docs ${key}`);
          return decodeRecords(kind, JSON.parse(d.json) as Columns);
        });
        hit.catch(() => cache.delete(key));
      }
      cache.set(key, hit);
      if (cache.size > DOC_CACHE_CHUNKS) cache.delete(cache.keys().next().value!);
      return hit;
    },
  };
}
