/**
 * The PWA's calls to the read API (and the router), on the HTTP core in http.ts.
 * `createApi({ baseUrl, fetch })` takes its dependencies as arguments; components get an Api and
 * never call fetch themselves. Answers are `{ data, source }`; failures are ApiError, with a kind
 * the UI turns into plain words.
 */
import type { Crs } from '../../data/catalog';
import type { CorridorFilters } from '../../data/corridor-listing';
import type { Merchant, Offer } from '../../data/schema';
import type { PublicStation, StationListFields } from '../../data/station-view';
import type { StationListItem } from '../../data/list-item';

import type { BBox, LngLat, TileConfig } from '../../data/wire';
import { createHttp, type Answer, type HttpDeps } from './http';

export type { BBox, LngLat, TileConfig };

export interface AppConfig {
  tiles: TileConfig;
  routing: { available: boolean };
  version: string;
}

interface Nearby {
  /** metres */
  distance: number;
  /** null: hours unknown */
  openNow: boolean | null;
  is24h: boolean;
  /** ISO time of the next open/close change, when the server sends it */
  nextChange?: string;
}
export type NearStation = StationListFields & Nearby;
/** A station as nearest lists it (data/list-item.ts): the row's fields, not the whole record (the detail loads that). */
export type ListedStation = StationListItem;
export type NearMerchant = Omit<Merchant, 'offers'> & Nearby & { offers: Omit<Offer, 'reason'>[] };

export interface StationFilters {
  open?: 'now' | '24h';
  amenities?: string[];
  types?: string[];
  /** notice kinds: stations with a current notice of one of them */
  notices?: string[];
}
export interface NearestQuery extends StationFilters {
  lng: number;
  lat: number;
  limit?: number;
  /** metres */
  maxDistance?: number;
}

export interface ViewFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: LngLat };
  properties: Record<string, unknown> & { cluster?: boolean; point_count?: number; id?: string; name?: string };
}
export interface ViewCollection {
  type: 'FeatureCollection';
  features: ViewFeature[];
}

/** A place within a route's corridor: `along` metres from the start, `offset` metres off the route. */
export type CorridorItem = (({ kind: 'station' } & NearStation) | ({ kind: 'merchant' } & NearMerchant)) & { along: number; offset: number };
export interface CorridorQuery extends CorridorFilters {
  /** WGS-84 positions, at most 10,000 (simplify first) */
  line: LngLat[];
  limit?: number;
  /** the `next` of the previous page: continue after it in route order */
  cursor?: string;
}
export interface CorridorAnswer {
  /** route length in metres */
  length: number;
  /** more places matched than `limit` */
  truncated: boolean;
  /** when truncated: pass it back as `cursor` for the next page */
  next?: string;
  items: CorridorItem[];
}
/** A driving route from the server's router (GET /api/route). */
export interface RouteAnswer {
  line: LngLat[];
  /** metres */
  distance: number;
  /** seconds */
  duration: number;
}

export type SearchHit = ({ kind: 'station' } & NearStation) | ({ kind: 'merchant' } & NearMerchant);

export { ApiError, type Answer, type ApiErrorKind } from './http';

export interface ApiDeps extends HttpDeps {
  /** whether a read the network is slow to answer should be given up (another answer is at hand) */
  giveUp?: () => boolean;
  /**
   * whether reads should go past the browser's HTTP cache to the server (`cache: 'no-cache'`), so that
   * a network answer is one the server gave (its Answer is `fresh`): the PWA asks so while it believes
   * it is offline, where an answer the HTTP cache kept must not say that the network is back
   */
  revalidate?: () => boolean;
}

const lngLat = (p: LngLat) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
const list = (a?: string[]) => (a && a.length ? a.join(',') : undefined);

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

const nearestParams = (q: NearestQuery) => ({
  lat: q.lat.toFixed(6),
  lng: q.lng.toFixed(6),
  limit: q.limit,
  maxDistance: q.maxDistance,
  open: q.open,
  amenities: list(q.amenities),
  types: list(q.types),
  notices: list((q as StationFilters).notices),
});

const NEAREST_STATIONS = '/api/stations/nearest?';
/** The path of the nearest stations for `q`, as the Api asks for them. */
const nearestStationsPath = (q: NearestQuery) => NEAREST_STATIONS + query(nearestParams(q));

const ACCEPT_JSON = { accept: 'application/json' };

/** The first list's request, made early (askNearestEarly): its path, response and abort, for the Api's first request for it. */
let early: { path: string; cache?: RequestCache; res: Promise<Response>; ctl: AbortController } | null = null;
/** How long the early answer waits to be taken before it is let go (the first render asked for none). */
const EARLY_KEPT_MS = 10_000;

/**
 * Asks for the nearest stations for `q` now: the Api's first request for them, a little later, is
 * given this response (`earlyFirst`) instead of asking again — no second request, no wait for the
 * HTTP cache's answer between the first render and the list. A failure is that request's to report.
 * `cache`: the request's cache mode (the Api's `revalidate`).
 */
export function askNearestEarly(q: NearestQuery, cache?: RequestCache): void {
  const path = nearestStationsPath(q);
  const ctl = new AbortController();
  const e = { path, cache, res: fetch(path, { headers: ACCEPT_JSON, signal: ctl.signal, cache }), ctl };
  e.res.catch(() => undefined); // reported by the request that takes it
  early = e;
  setTimeout(() => letGo(e), EARLY_KEPT_MS);
}

/** Lets the early request go (its download too), unless it was taken. */
function letGo(e: NonNullable<typeof early>): void {
  if (early !== e) return;
  early = null;
  e.ctl.abort();
}

/**
 * `doFetch`, except that the first request for nearest stations is given the early response when it
 * asks for the same, in the same cache mode (a different one lets that response go). The taker's
 * abort aborts that request, so it rejects (or its body does) as fetch's own would.
 */
function earlyFirst(doFetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const e = early;
    if (!e || typeof input !== 'string' || !input.startsWith(NEAREST_STATIONS)) return doFetch(input, init);
    if (input !== e.path || (init?.method ?? 'GET') !== 'GET' || init?.cache !== e.cache) {
      letGo(e); // the first list asks something else (the position or the filters changed)
      return doFetch(input, init);
    }
    early = null;
    const signal = init?.signal;
    if (signal?.aborted) e.ctl.abort(signal.reason);
    else signal?.addEventListener('abort', () => e.ctl.abort(signal.reason), { once: true });
    return e.res;
  };
}

/** Builds the API client; tests pass their own fetch and base URL. */
export function createApi({ giveUp, revalidate, ...deps }: ApiDeps = {}) {
  // the early request asks the page's own origin: an Api with a base URL (tests, tools) never takes it
  const http = createHttp(deps.baseUrl ? deps : { ...deps, fetch: earlyFirst(deps.fetch ?? globalThis.fetch.bind(globalThis)) });
  const cacheMode = (): RequestCache | undefined => (revalidate?.() ? 'no-cache' : undefined);
  /** GET `path`, or POST `body` as JSON when given, with the network timeout (http.ts); `pick` takes the data out. */
  const request = async <T, U = T>(path: string, signal?: AbortSignal, body?: unknown, pick?: (r: T) => U): Promise<Answer<U>> => {
    const a = await http.read<T>(path, { signal, giveUp, json: body, headers: ACCEPT_JSON, cache: cacheMode() });
    return pick ? { ...a, data: pick(a.data) } : (a as unknown as Answer<U>);
  };

  const nearestStations = (q: NearestQuery, signal?: AbortSignal) =>
    request(nearestStationsPath(q), signal, undefined, (r: { items: ListedStation[] }) => r.items);
  const nearestMerchants = (q: Omit<NearestQuery, 'amenities' | 'types'> & { categories?: string[] }, signal?: AbortSignal) =>
    request(`/api/merchants/nearest?${query({ ...nearestParams(q), categories: list(q.categories) })}`, signal, undefined, (r: { items: NearMerchant[] }) => r.items);

  /**
   * Stations and merchants by name, pinyin or initials (every word), best first: GET /api/search —
   * data/search-index.ts, which the offline copy answers with too.
   */
  const search = (q: string, at: { lng: number; lat: number }, signal?: AbortSignal) =>
    request(`/api/search?${query({ q, lat: at.lat.toFixed(6), lng: at.lng.toFixed(6), limit: 30 })}`, signal, undefined, (r: { items: SearchHit[] }) => r.items);

  return {
    search,
    /** Tile source and feature switches, read at run time so switching needs no rebuild. */
    // not given up for the offline copy (it has no config): only the worker's last answer replaces it
    config: (signal?: AbortSignal) => http.read<AppConfig>('/api/config', { signal, headers: ACCEPT_JSON, cache: cacheMode() }),
    /** Nearest stations, nearest first, with distance and open-now state. */
    nearestStations,
    /** Nearest approved merchants with their current offers. */
    nearestMerchants,
    /** Map markers for a viewport: clusters at low zoom, single points at high zoom. */
    inView: (kind: 'stations' | 'merchants', bbox: BBox, zoom: number, f: StationFilters = {}, signal?: AbortSignal) =>
      request<ViewCollection>(
        `/api/${kind}?${query({
          bbox: bbox.map((n) => n.toFixed(5)).join(','),
          zoom,
          open: f.open,
          amenities: kind === 'stations' ? list(f.amenities) : undefined,
          types: kind === 'stations' ? list(f.types) : undefined,
          notices: kind === 'stations' ? list(f.notices) : undefined,
        })}`,
        signal,
      ),
    /** Places within `width` metres of a line, in route order (POST /api/corridor). */
    corridor: (q: CorridorQuery, signal?: AbortSignal) => request<CorridorAnswer>('/api/corridor', signal, q),
    /** A driving route through the server's router; 503 when none is configured (`config.routing.available`). */
    route: (from: LngLat, to: LngLat, via: LngLat[] = [], signal?: AbortSignal) =>
      http.json<RouteAnswer>(
        `/api/route?${query({ from: lngLat(from), to: lngLat(to), via: via.length ? via.map(lngLat).join(';') : undefined })}`,
        { signal, headers: ACCEPT_JSON },
      ),
    /** One station with every field. */
    station: (id: string, signal?: AbortSignal) =>
      request(`/api/stations/${encodeURIComponent(id)}`, signal, undefined, (r: { station: PublicStation }) => r.station),
    /** One approved merchant with its current offers. */
    merchant: (id: string, signal?: AbortSignal) =>
      request(`/api/merchants/${encodeURIComponent(id)}`, signal, undefined, (r: { merchant: Merchant }) => r.merchant),
  };
}

export type Api = ReturnType<typeof createApi>;
