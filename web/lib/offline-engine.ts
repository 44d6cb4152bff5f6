/**
 * The offline copy in memory: IndexedDB's chunks merged into the same indexes the API builds
 * (data/listing-core), answering nearest, map views, search and details in the API's own shapes —
 * so an answer from here and one from the server for the same question are the same. A regional
 * copy asked `strict`ly (the network is there to ask instead) answers only what it holds the whole
 * answer to — a nearest list that ends nearer than the region's edge, a view or route inside it —
 * and undefined otherwise; with no network it answers everything from what it has. Asked strictly,
 * a first search is left to the network too, while the copy builds its search index for the next;
 * the search box's focus starts that build (`prepareSearch`).
 */
import { listingCoreBuild, liveFields, mergeSearch, type ListingCore, type ListingKind, type SearchMatch } from '../../data/listing-core';
import { LIMITS } from '../../data/listing-query';
import { mapAnswer, mapAnswerFilter } from '../../data/map-answer';
import { localDate, publicMerchant } from '../../data/merchants';
import type { Merchant, Station } from '../../data/schema';
import type { Columns } from '../../data/sync-codec';
import { listStation, publicStation, type PublicStation } from '../../data/station-view';
import { CORRIDOR_LIMITS, corridorFind, decodeCursor, encodeCursor, roundMetres } from '../../data/corridor-listing';
import { routeCache } from '../../data/geo/corridor';
import type { ViewportFilter } from '../../data/geo/viewport';
import type { BBox, CorridorAnswer, CorridorItem, CorridorQuery, ListedStation, NearMerchant, NearStation, NearestQuery, SearchHit, StationFilters, ViewCollection } from './api';
import { stationListItem } from '../../data/list-item';
import { readCopyMeta, readDocChunk, readIndexChunks, readRoutes, type CopyMeta, type Db } from './db';
import { boxWithin, edgeDistance, type Box } from '../../data/sync-region';
import { decodeRecords, mergeChunks, type MergedListing, type PlaceRecord } from './offline-copy';
import { idTableBuild, type IdLookup } from '../../data/id-table';
import type { Sliced } from '../../data/slices';
import { inTasks } from './tasks';

/** Decoded doc chunks kept in memory. */
const DOC_CACHE_CHUNKS = 12;
/** Records the search index reads per slice of its build: a quarter of the server's, for a phone's slower CPU (slices of 10–70 ms at 2,048 on this machine, ×4 on a phone). */
const SEARCH_SLICE = 512;

export type MerchantQuery = Omit<NearestQuery, 'amenities' | 'types'> & { categories?: string[] };

export interface Engine {
  readonly meta: CopyMeta;
  readonly counts: Record<ListingKind, number>;
  nearestStations(q: NearestQuery, at: Date): Promise<ListedStation[]>;
  /** `strict`: undefined unless the copy holds the whole answer (a regional copy; see above) */
  nearestStations(q: NearestQuery, at: Date, strict: boolean): Promise<ListedStation[] | undefined>;
  nearestMerchants(q: MerchantQuery, at: Date): Promise<NearMerchant[]>;
  nearestMerchants(q: MerchantQuery, at: Date, strict: boolean): Promise<NearMerchant[] | undefined>;
  /** `at`: the instant of each point's open state and current notices */
  inView(kind: ListingKind, bbox: BBox, zoom: number, f?: StationFilters, at?: Date): Promise<ViewCollection>;
  inView(kind: ListingKind, bbox: BBox, zoom: number, f: StationFilters | undefined, at: Date, strict: boolean): Promise<ViewCollection | undefined>;
  /** Not strict, a regional copy also finds the places listed in saved routes (a route saved far from its region). */
  station(id: string, at: Date, strict?: boolean): Promise<PublicStation | undefined>;
  merchant(id: string, at: Date, strict?: boolean): Promise<Merchant | undefined>;
  /** `strict`: also undefined while its search index is still being built (started by the first search, or `prepareSearch`) */
  search(q: string, pos: { lng: number; lat: number }, at: Date, limit?: number): Promise<SearchHit[]>;
  search(q: string, pos: { lng: number; lat: number }, at: Date, limit: number | undefined, strict: boolean): Promise<SearchHit[] | undefined>;
  /**
   * Starts building what a search of the copy needs, in the background, once (the search box has
   * the focus: by the time the rider has typed, much of a country's index is built); resolves when
   * it is built. Nothing (undefined) when a search would not be the copy's (`strict` and regional).
   */
  prepareSearch(strict: boolean): Promise<void> | undefined;
  /** Places along a route, as POST /api/corridor answers (the same data/ code); undefined for a question the API would refuse. */
  corridor(q: CorridorQuery, at: Date, strict?: boolean): Promise<CorridorAnswer | undefined>;
}

/** What the API reads from a query string: numbers as sent (6 decimals), so distances match. */
const sent = (x: number, digits = 6) => Number(x.toFixed(digits));

interface Side {
  core: ListingCore;
  merged: MergedListing;
  keys: string[];
  /** a listed record's index by id */
  indexOf: IdLookup;
}

/** Loads the copy from IndexedDB into memory; null when there is none yet. */
export async function loadEngine(db: Db): Promise<Engine | null> {
  const meta = await readCopyMeta(db);
  if (!meta) return null;
  const [stationChunks, merchantChunks] = await Promise.all([readIndexChunks(db, meta, 'stations'), readIndexChunks(db, meta, 'merchants')]);
  performance.mark('yizhan:load-copy:read');
  // built a few milliseconds at a time: a national copy is seconds of work on a phone, never one long task
  const side = async (kind: ListingKind, merged: MergedListing): Promise<Side> => {
    performance.mark(`yizhan:load-copy:merged-${kind}`);
    const indexOf = idLookup(merged.cols.id);
    return { core: await inTasks(listingCoreBuild(merged.cols, kind, { indexOfId: indexOf, searchSlice: SEARCH_SLICE })), merged, keys: meta.chunks[kind], indexOf };
  };
  const s = await side('stations', mergeChunks(stationChunks, 'stations'));
  const m = await side('merchants', mergeChunks(merchantChunks, 'merchants'));
  performance.mark('yizhan:load-copy:built');
  const docs = docCache(db);
  const prepared = routeCache(4); // the next page of a corridor reads on where the last ended

  const record = async <T extends PlaceRecord>(kind: ListingKind, x: Side, chunk: number, row: number) =>
    (await docs.get(kind, x.keys[chunk]))[row] as T;
  const hitRecord = <T extends PlaceRecord>(kind: ListingKind, x: Side, i: number) => record<T>(kind, x, x.merged.chunkOf[i], x.merged.rowOf[i]);
  /** Where a live record is, listed or not. */
  const placeOf = (x: Side, id: string) => {
    const i = x.indexOf(id);
    return i === undefined ? x.merged.unlisted.get(id) : { chunk: x.merged.chunkOf[i], row: x.merged.rowOf[i] };
  };
  const stationItem = async (h: SearchMatch | { i: number; distance: number }, at: Date): Promise<NearStation> =>
    ({ ...liveFields(s.core, h, at), ...listStation(await hitRecord<Station>('stations', s, h.i), at) });
  const merchantItem = async (h: { i: number; distance: number }, at: Date): Promise<NearMerchant> =>
    ({ ...liveFields(m.core, h, at), ...publicMerchant(await hitRecord<Merchant>('merchants', m, h.i), localDate(at)) });
  const near = (q: Omit<NearestQuery, 'amenities' | 'types'>, at: Date) => ({
    lng: sent(q.lng), lat: sent(q.lat), limit: Math.min(q.limit ?? LIMITS.nearestDefault, LIMITS.nearestMax), maxDistance: q.maxDistance, open: q.open, at,
  });

  // What is built on first use — a filter's clusters, the corridor and search indexes — is built a
  // few milliseconds at a time (on a phone a 3,000-station copy's clusters were a 100 ms task; a
  // country's first search, one of 2.2–2.8 s at 100 k), once: what is asked meanwhile (a pan, the
  // next letter typed) waits for the same build.
  const building = new Map<string, Promise<unknown>>();
  const ready = (key: string, built: boolean, work: () => Sliced<unknown>): Promise<unknown> | undefined => {
    if (built) return undefined;
    let done = building.get(key);
    if (!done) building.set(key, (done = inTasks(work()).finally(() => building.delete(key))));
    return done;
  };
  const clustersReady = (kind: ListingKind, core: ListingCore, filter: ViewportFilter) =>
    ready(`${kind} clusters ${filter.key}`, core.viewport().isBuilt(filter), () => core.viewport().building(filter));
  const corridorsReady = () =>
    Promise.all([s, m].map((x) => ready(`${x.core.kind} corridor`, x.core.hasCorridor(), () => x.core.corridorBuilding())));
  const searchesReady = () =>
    Promise.all([s, m].map((x) => ready(`${x.core.kind} search`, x.core.prepareSearch(0), () => x.core.searchBuilding())));
  const searchesBuilt = () => s.core.prepareSearch(0) && m.core.prepareSearch(0);
  const searchable = async () => {
    (await import('../../data/pinyin-pro')).installPinyinPro(); // a lazy chunk: the dictionary is large
    await searchesReady();
  };
  let preparing: Promise<void> | undefined; // once for everyone asking (failed: the next asks again)
  const prepareSearch = () => (preparing ??= searchable().catch(() => void (preparing = undefined)));

  const region = meta.region?.bbox;
  /** A nearest answer is the whole country's when it ends nearer than the region's edge. */
  const whole = (q: ReturnType<typeof near>, hits: { distance: number }[]) =>
    !region || (hits.length === q.limit ? hits[hits.length - 1].distance : (q.maxDistance ?? Infinity)) < edgeDistance(region, q.lng, q.lat);
  /** A box (a view, a route and its width) inside the region. */
  const holds = (b: Box) => !region || boxWithin(b, region);

  return {
    meta,
    counts: { stations: s.merged.live, merchants: m.merged.live },
    nearestStations: ((q: NearestQuery, at: Date, strict?: boolean) => {
      const n = near(q, at);
      const hits = s.core.nearest({ ...n, amenities: q.amenities, types: q.types, notices: q.notices });
      if (strict && !whole(n, hits)) return Promise.resolve(undefined);
      return Promise.all(hits.map(async (h) => stationListItem(s.core, h, at, await hitRecord<Station>('stations', s, h.i))));
    }) as Engine['nearestStations'],
    nearestMerchants: ((q: MerchantQuery, at: Date, strict?: boolean) => {
      const n = near(q, at);
      const hits = m.core.nearest({ ...n, categories: q.categories });
      if (strict && !whole(n, hits)) return Promise.resolve(undefined);
      return Promise.all(hits.map((h) => merchantItem(h, at)));
    }) as Engine['nearestMerchants'],
    inView: (async (kind: ListingKind, bbox: BBox, zoom: number, f: StationFilters = {}, at = new Date(), strict = false) => {
      if (strict && !holds(bbox)) return undefined;
      const x = kind === 'stations' ? s : m;
      const b = bbox.map((n) => sent(n, 5));
      const box: BBox = [Math.max(-180, b[0]), b[1], Math.min(180, b[2]), b[3]];
      const q = kind === 'stations' ? { open: f.open, amenities: f.amenities, types: f.types, notices: f.notices } : { open: f.open === 'now' ? ('now' as const) : undefined };
      await clustersReady(kind, x.core, mapAnswerFilter(x.core, q, at));
      return mapAnswer(x.core, box, zoom, q, at) as ViewCollection;
    }) as Engine['inView'],
    async station(id, at, strict) {
      const p = placeOf(s, id);
      if (p) return publicStation(await record<Station>('stations', s, p.chunk, p.row), at);
      return region && !strict ? ((await savedPlace(db, 'station', id)) as PublicStation | undefined) : undefined;
    },
    async merchant(id, at, strict) {
      const p = placeOf(m, id);
      if (p) return publicMerchant(await record<Merchant>('merchants', m, p.chunk, p.row), localDate(at));
      return region && !strict ? ((await savedPlace(db, 'merchant', id)) as Merchant | undefined) : undefined;
    },
    async corridor(q, at, strict) {
      if (strict && region && !holds(lineBox(q.line, q.width))) return undefined;
      if (q.line.length < 2 || q.line.length > CORRIDOR_LIMITS.points || !(q.width >= 1 && q.width <= CORRIDOR_LIMITS.width)) return undefined;
      const route = prepared(q.line);
      await corridorsReady();
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
    search: (async (q: string, pos: { lng: number; lat: number }, at: Date, limit = LIMITS.searchDefault, strict?: boolean) => {
      if (strict && region) return undefined; // names are searched country-wide
      // the network answers a first search now; the index builds meanwhile, for the next one (a country's copy
      // is seconds of work on a phone: 1–2 s at 100 k, 6–11 s at 400 k)
      if (strict && !searchesBuilt()) {
        void prepareSearch();
        return undefined;
      }
      await searchable();
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
    }) as Engine['search'],
    prepareSearch: (strict) => (strict && region ? undefined : prepareSearch()),
  };
}

/**
 * Ids → listing index: by the id table (data/id-table.ts: a microsecond a lookup, 4 MB at 400 k)
 * once built — in tasks, from the first lookup on —, until then by a scan of the ids (≈ 13 ms over
 * 400 k on this machine: each detail and each search in Latin letters, which may be an id). Not
 * built at load: the table is 45 ms of work at 400 k, and many visits never look an id up.
 */
export function idLookup(ids: ArrayLike<string>): IdLookup {
  let table: IdLookup | undefined, building: Promise<void> | undefined;
  return (id) => {
    if (table) return table(id);
    building ??= inTasks(idTableBuild(ids)).then((t) => void (table = t));
    const i = Array.prototype.indexOf.call(ids, id) as number;
    return i < 0 ? undefined : i;
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

/** The box around a line widened by `width` metres (degrees of latitude; of longitude at its widest). */
function lineBox(line: readonly [number, number][], width: number): Box {
  const lngs = line.map((p) => p[0]);
  const lats = line.map((p) => p[1]);
  const dLat = width / 111_000;
  const dLng = dLat / Math.max(0.05, Math.cos((Math.max(...lats.map(Math.abs)) * Math.PI) / 180));
  return [Math.min(...lngs) - dLng, Math.min(...lats) - dLat, Math.max(...lngs) + dLng, Math.max(...lats) + dLat];
}

/**
 * A place as a saved route listed it, as its detail (what the list row adds taken away; current
 * notices are not in a list row: none). A regional copy lacks the places of a route saved far away.
 */
async function savedPlace(db: Db, kind: 'station' | 'merchant', id: string): Promise<PublicStation | Merchant | undefined> {
  for (const route of await readRoutes(db)) {
    const item = route.items.find((i) => i.kind === kind && i.id === id);
    if (!item) continue;
    type Row = CorridorItem & { nextChange?: string; is24h?: boolean; noticeKinds?: unknown; partial?: boolean };
    const { kind: _k, along: _a, offset: _o, distance: _d, openNow: _n, nextChange: _c, is24h: _i, noticeKinds: _nk, partial: _p, ...rest } = item as Row;
    return kind === 'merchant' ? (rest as unknown as Merchant) : ({ ...rest, notices: [] } as unknown as PublicStation);
  }
  return undefined;
}
