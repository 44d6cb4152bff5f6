/**
 * Every HTTP call the PWA makes, in one place. `createApi({ baseUrl, fetch })` takes its
 * dependencies as arguments; components get an Api and never call fetch themselves.
 * Errors become ApiError with a kind the UI turns into plain words.
 */
import type { Crs } from '../../data/catalog';
import type { CorridorFilters } from '../../data/corridor-listing';
import type { Merchant, Offer } from '../../data/schema';
import type { PublicStation, StationListFields } from '../../data/station-view';

import type { BBox, LngLat, TileConfig } from '../../data/wire';

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

export type ApiErrorKind = 'network' | 'not_found' | 'bad_request' | 'server';

/** A failed call, classified so the UI can say what happened in plain words. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    detail: string,
    /** the service worker's last answer, when the network failed but it had one */
    readonly cached?: unknown,
  ) {
    super(detail);
  }
}

/** Header the service worker sets on an answer it gives from its cache (web/sw.ts). */
export const FROM_CACHE_HEADER = 'x-yizhan-from';

export interface ApiDeps {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

const lngLat = (p: LngLat) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
const list = (a?: string[]) => (a && a.length ? a.join(',') : undefined);

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

/** Builds the API client; tests pass their own fetch and base URL. */
export function createApi({ baseUrl = '', fetch: doFetch = globalThis.fetch.bind(globalThis) }: ApiDeps = {}) {
  /** GET `path`, or POST `body` as JSON when given; the JSON answer or an ApiError. */
  async function request<T>(path: string, signal?: AbortSignal, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(
        baseUrl + path,
        body === undefined
          ? { signal, headers: { accept: 'application/json' } }
          : { signal, method: 'POST', body: JSON.stringify(body), headers: { accept: 'application/json', 'content-type': 'application/json' } },
      );
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError('network', 0, String(e));
    }
    if (res.ok && res.headers.get(FROM_CACHE_HEADER) === 'cache') {
      // the network failed and the worker answered from its cache: say so, and hand over the answer
      throw new ApiError('network', 0, 'answered from the cache', await res.json());
    }
    if (res.ok) return (await res.json()) as T;
    let detail = res.statusText;
    try {
      detail = ((await res.json()) as { detail?: string }).detail ?? detail;
    } catch {
      // not a problem document
    }
    const kind: ApiErrorKind = res.status === 404 ? 'not_found' : res.status < 500 ? 'bad_request' : 'server';
    throw new ApiError(kind, res.status, detail);
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

  const nearestStations = (q: NearestQuery, signal?: AbortSignal) =>
    request<{ items: NearStation[] }>(`/api/stations/nearest?${query(nearestParams(q))}`, signal).then((r) => r.items);
  const nearestMerchants = (q: Omit<NearestQuery, 'amenities' | 'types'> & { categories?: string[] }, signal?: AbortSignal) =>
    request<{ items: NearMerchant[] }>(`/api/merchants/nearest?${query({ ...nearestParams(q), categories: list(q.categories) })}`, signal).then(
      (r) => r.items,
    );

  /**
   * Stations and merchants by name (or exact id), name prefix first, then nearest: GET /api/search —
   * data/listing-core.ts's search, which the offline copy answers with too.
   */
  const search = async (q: string, at: { lng: number; lat: number }, signal?: AbortSignal): Promise<SearchHit[]> =>
    (await request<{ items: SearchHit[] }>(`/api/search?${query({ q, lat: at.lat.toFixed(6), lng: at.lng.toFixed(6), limit: 30 })}`, signal)).items;

  return {
    search,
    /** Tile source and feature switches, read at run time so switching needs no rebuild. */
    config: (signal?: AbortSignal) => request<AppConfig>('/api/config', signal),
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
      request<RouteAnswer>(
        `/api/route?${query({ from: lngLat(from), to: lngLat(to), via: via.length ? via.map(lngLat).join(';') : undefined })}`,
        signal,
      ),
    /** One station with every field. */
    station: (id: string, signal?: AbortSignal) =>
      request<{ station: PublicStation }>(`/api/stations/${encodeURIComponent(id)}`, signal).then((r) => r.station),
    /** One approved merchant with its current offers. */
    merchant: (id: string, signal?: AbortSignal) =>
      request<{ merchant: Merchant }>(`/api/merchants/${encodeURIComponent(id)}`, signal).then((r) => r.merchant),
  };
}

export type Api = ReturnType<typeof createApi>;
