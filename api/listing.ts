/**
 * One kind of listing (stations or merchants) in memory: its index rows, the nearest index and a
 * lazily built viewport index, plus "open now" evaluated in each record's own time zone.
 */
import { createNearestIndex, type NearestHit } from '../data/geo/nearest';
import { createViewportIndex, type ViewportIndex } from '../data/geo/viewport';
import { createOpenNowCache, is24h as hoursAre24h } from '../data/hours';
import type { IndexRow } from './store/port';
import { MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, keysOf } from '../data/catalog';

export interface ListingQuery {
  lng: number;
  lat: number;
  limit: number;
  /** metres */
  maxDistance?: number;
  all?: number;
  any?: number;
  open?: 'now' | '24h';
  at: Date;
}

export interface Listing {
  readonly rows: IndexRow[];
  readonly is24h: Uint8Array;
  nearest(q: ListingQuery): NearestHit[];
  /** true / false, or null when the hours are unknown */
  openNow(i: number, at: Date): boolean | null;
  viewport(): ViewportIndex;
}

const DEFAULT_TZ = 'Asia/Shanghai';

/** Builds the indexes of one listing from its rows; `kind` names the any-mask in map features. */
export function buildListing(rows: IndexRow[], kind: 'stations' | 'merchants'): Listing {
  const memo24 = new Map<string, boolean>();
  const is24h = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    if (!r.hours) return;
    let v = memo24.get(r.hours);
    if (v === undefined) memo24.set(r.hours, (v = hoursAre24h(r.hours)));
    is24h[i] = v && r.status !== 'temporarily_closed' ? 1 : 0;
  });
  const nearestIndex = createNearestIndex(
    rows.map((r, i) => ({ lng: r.lng, lat: r.lat, all: r.all, any: r.any, is24h: is24h[i] === 1 })),
  );
  const caches = new Map<string, ReturnType<typeof createOpenNowCache>>();
  const cacheFor = (tz: string) => {
    let c = caches.get(tz);
    if (!c) caches.set(tz, (c = createOpenNowCache(tz)));
    return c;
  };

  function openNow(i: number, at: Date): boolean | null {
    const r = rows[i];
    if (r.status === 'temporarily_closed') return false;
    if (is24h[i]) return true;
    if (!r.hours) return null;
    return cacheFor(r.tz ?? DEFAULT_TZ)(r.hours, at);
  }

  let viewport: ViewportIndex | undefined;
  return {
    rows,
    is24h,
    openNow,
    nearest: (q) =>
      nearestIndex.query({
        lng: q.lng,
        lat: q.lat,
        limit: q.limit,
        maxDistance: q.maxDistance,
        all: q.all,
        any: q.any,
        only24h: q.open === '24h',
        predicate: q.open === 'now' ? (i) => openNow(i, q.at) === true : undefined,
      }),
    viewport: () => (viewport ??= createViewportIndex(rows, { properties: (i) => featureProps(rows[i], is24h[i] === 1, kind) })),
  };
}

/** A map point's properties: enough to label it and open its detail, nothing more. */
function featureProps(r: IndexRow, is24h: boolean, kind: 'stations' | 'merchants') {
  return kind === 'stations'
    ? { id: r.id, name: r.name, type: keysOf(STATION_TYPE_KEYS, r.any)[0], is24h }
    : { id: r.id, name: r.name, category: keysOf(MERCHANT_CATEGORY_KEYS, r.any)[0], is24h };
}
