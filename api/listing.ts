/**
 * One kind of listing (stations or merchants) in memory: its index columns, the nearest index and
 * a lazily built viewport index, plus "open now" evaluated in each record's own time zone.
 */
import { MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, keysOf } from '../data/catalog';
import { createNearestIndex, type NearestHit, type NearestPoint, type NearestQuery } from '../data/geo/nearest';
import { createViewportIndex, type ViewportIndex } from '../data/geo/viewport';
import { createCorridorIndex, type CorridorIndex } from '../data/geo/corridor';
import { DEFAULT_TZ, createOpenNowCache, createOpenStateCache, is24h as hoursAre24h } from '../data/hours';
import type { IndexColumns, IndexRow } from './store/port';

/** A nearest query with the open filter in API terms ("now" needs the instant `at`). */
export type ListingQuery = Omit<NearestQuery, 'only24h' | 'predicate'> & { open?: 'now' | '24h'; at: Date };

export interface Listing {
  readonly kind: 'stations' | 'merchants';
  readonly size: number;
  readonly cols: IndexColumns;
  /** The points the indexes were built over (position, masks, 24 h), by listing index. */
  readonly points: readonly NearestPoint[];
  readonly is24h: Uint8Array;
  /** Record i as an object (for the few places that want one). */
  row(i: number): IndexRow;
  nearest(q: ListingQuery): NearestHit[];
  /** Documents by listing index, from a small cache in front of `load` (cleared with the listing). */
  docs(ids: readonly number[], load: (rowids: number[]) => (string | undefined)[]): (string | undefined)[];
  /** true / false, or null when the hours are unknown */
  openNow(i: number, at: Date): boolean | null;
  /** When record i next opens or closes (absent for 24 h, unknown hours, temporarily closed). */
  nextChange(i: number, at: Date): Date | undefined;
  viewport(): ViewportIndex;
  /** The route-corridor index over the same points (built on first use, or by warm()). */
  corridor(): CorridorIndex;
}

const DOC_CACHE_ENTRIES = 10_000; // served documents kept in memory per listing (≈ 1–2 KB each)

/** Builds the indexes of one listing from its columns. */
export function buildListing(cols: IndexColumns, kind: 'stations' | 'merchants'): Listing {
  const size = cols.id.length;
  const is24h = twentyFourHours(cols);
  const points: NearestPoint[] = new Array(size);
  for (let i = 0; i < size; i++) {
    points[i] = { lng: cols.lng[i], lat: cols.lat[i], all: cols.all[i], any: cols.any[i], is24h: is24h[i] === 1 };
  }
  const nearestIndex = createNearestIndex(points);
  const openCaches = perZone(createOpenNowCache);
  const stateCaches = perZone(createOpenStateCache);

  function openNow(i: number, at: Date): boolean | null {
    if (cols.status[i] === 'temporarily_closed') return false;
    if (is24h[i]) return true;
    const hours = cols.hours[i];
    if (!hours) return null;
    return openCaches(cols.tz[i])(hours, at);
  }

  function nextChange(i: number, at: Date): Date | undefined {
    if (cols.status[i] === 'temporarily_closed' || is24h[i] || !cols.hours[i]) return undefined;
    return stateCaches(cols.tz[i])(cols.hours[i]!, at).nextChange;
  }

  const row = (i: number): IndexRow => ({
    rowid: cols.rowid[i], id: cols.id[i], name: cols.name[i], lng: cols.lng[i], lat: cols.lat[i],
    all: cols.all[i], any: cols.any[i], status: cols.status[i], hours: cols.hours[i], tz: cols.tz[i],
  });
  const docCache = new Map<number, string>();
  function docs(ids: readonly number[], load: (rowids: number[]) => (string | undefined)[]) {
    const out = ids.map((i) => docCache.get(i));
    const missing = ids.filter((_, k) => out[k] === undefined);
    if (missing.length === 0) return out;
    const loaded = load(missing.map((i) => cols.rowid[i]));
    missing.forEach((i, k) => {
      const doc = loaded[k];
      if (doc === undefined) return;
      if (docCache.size >= DOC_CACHE_ENTRIES) docCache.delete(docCache.keys().next().value!);
      docCache.set(i, doc);
      out[ids.indexOf(i)] = doc;
    });
    return out;
  }

  let viewport: ViewportIndex | undefined;
  let corridorIndex: CorridorIndex | undefined;
  return {
    docs,
    kind,
    size,
    cols,
    points,
    is24h,
    row,
    openNow,
    nextChange,
    nearest: (q) =>
      nearestIndex.query({
        lng: q.lng, lat: q.lat, limit: q.limit, maxDistance: q.maxDistance, all: q.all, any: q.any,
        only24h: q.open === '24h',
        predicate: q.open === 'now' ? (i) => openNow(i, q.at) === true : undefined,
      }),
    corridor: () => (corridorIndex ??= createCorridorIndex(points)),
    viewport: () => (viewport ??= createViewportIndex(points, { properties: (i) => featureProps(cols, i, is24h[i] === 1, kind) })),
  };
}

/** One cache per time zone, made on first use (records without a zone are in Asia/Shanghai). */
function perZone<C>(make: (tz: string) => C): (tz: string | null) => C {
  const caches = new Map<string, C>();
  return (tz) => {
    const zone = tz ?? DEFAULT_TZ;
    let c = caches.get(zone);
    if (!c) caches.set(zone, (c = make(zone)));
    return c;
  };
}

/** 1 where a record is open around the clock (and not temporarily closed); hours parsed once each. */
function twentyFourHours(cols: IndexColumns): Uint8Array {
  const memo = new Map<string, boolean>();
  const out = new Uint8Array(cols.id.length);
  cols.hours.forEach((h, i) => {
    if (!h) return;
    let v = memo.get(h);
    if (v === undefined) memo.set(h, (v = hoursAre24h(h)));
    out[i] = v && cols.status[i] !== 'temporarily_closed' ? 1 : 0;
  });
  return out;
}

/** A map point's properties: enough to label it and open its detail, nothing more. */
function featureProps(cols: IndexColumns, i: number, is24h: boolean, kind: 'stations' | 'merchants') {
  return kind === 'stations'
    ? { id: cols.id[i], name: cols.name[i], type: keysOf(STATION_TYPE_KEYS, cols.any[i])[0], is24h }
    : { id: cols.id[i], name: cols.name[i], category: keysOf(MERCHANT_CATEGORY_KEYS, cols.any[i])[0], is24h };
}
