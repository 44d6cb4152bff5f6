/**
 * Viewport queries for the map: `(bbox, zoom, filter?)` → GeoJSON FeatureCollection (RFC 7946).
 *
 * Below `pointZoom` the answer is supercluster's clusters (`cluster`, `cluster_id`, `point_count`,
 * `point_count_abbreviated`) and lone points; at `pointZoom` and above, or when the bbox holds few
 * points, it is the exact points in the bbox (edges inclusive) from a kdbush range query, unless
 * there are more than `maxPoints` of them. The zoom is lowered until the bbox spans at most
 * `maxViewport` pixels (a whole-world bbox at zoom 18 is answered like zoom 4) and holds at most
 * `maxClusters` clusters, so every response stays small. Indexes are built lazily: call `build()` once the server listens. A filter is a
 * `test` named by a `key` (same key, same test); each gets its own index, built on first use and
 * kept in a small LRU (`cacheSize` indexes, `cachePoints` points in all).
 */
import type KDBush from 'kdbush';
import type Supercluster from 'supercluster';
import type { Feature, FeatureCollection, GeoJsonProperties, Point } from 'geojson';
import { finish, sliced, type Sliced } from '../slices';
import { clustersBuild, mercatorY } from './cluster-build';
import { POINT_ZOOM } from './point-zoom';
import { kdBuild } from './points';

export interface ViewportPoint {
  lng: number;
  lat: number;
}
/** Points as objects, or as columns (point i is (lng[i], lat[i])). */
export type ViewportPoints = ArrayLike<ViewportPoint> | { lng: ArrayLike<number>; lat: ArrayLike<number> };
/** `[minLng, minLat, maxLng, maxLat]` in degrees; minLng > maxLng crosses the antimeridian. */
export type BBox = [number, number, number, number];
/** Points passing `test` (by index); `key` names the test and is its cache key. No test: all points. */
export interface ViewportFilter {
  key: string;
  test?: (i: number) => boolean;
}

export interface ViewportOptions {
  /** cluster radius, in screen pixels */
  radius?: number;
  /** zoom at and above which points are listed one by one */
  pointZoom?: number;
  /** most points listed one by one; a bbox with more gets clusters */
  maxPoints?: number;
  /** below pointZoom, points are listed one by one when the bbox holds at most this many */
  fewPoints?: number;
  /** most cluster features per response; more are answered a zoom lower */
  maxClusters?: number;
  /** widest bbox, in screen pixels, a zoom may show; larger bboxes are answered at a lower zoom */
  maxViewport?: number;
  /** filtered indexes kept (least recently used dropped) */
  cacheSize?: number;
  /** most points, summed over the filtered indexes kept (≈ 130 bytes each) */
  cachePoints?: number;
  /** properties of point i's feature (keep them small) */
  properties?: (i: number) => GeoJsonProperties;
  /**
   * A kd-tree of all the points whose items are their indexes (the nearest index's, nearest.ts):
   * the ranges over all points query it instead of a tree of their own (≈ 8 MB at 400 k points).
   */
  allPoints?: KDBush | null;
  /**
   * The points moved since their trees were built (the nearest index's: nearest.ts `move`), at
   * their new positions in `points`: ranges pass them over in the trees and test them one by one.
   * Clusters keep them where they were until the index is built again (their counts hold).
   */
  moved?: { readonly moved: readonly number[]; isMoved(i: number): boolean } | null;
}

export interface ViewportIndex {
  /** Build (or fetch from the cache) the index of a filter now, so no request waits for it. */
  build(filter?: ViewportFilter | null): void;
  /** `build`, a slice at a time. */
  building(filter?: ViewportFilter | null): Sliced<void>;
  /** Whether the filter's index is built and cached. */
  isBuilt(filter?: ViewportFilter | null): boolean;
  /** Clusters and points in a bbox at a zoom: a FeatureCollection, empty for unusable input. */
  query(bbox: BBox, zoom: number, filter?: ViewportFilter | null): FeatureCollection<Point>;
  /**
   * The points `changed` may now pass other filters (their positions unchanged): the filtered
   * indexes whose points would differ are dropped, to be rebuilt on first use.
   */
  update(changed: readonly number[]): void;
}

const defaultOptions: Required<ViewportOptions> = {
  radius: 40, // cluster radius in screen pixels (256-px tiles, as Leaflet draws them)
  pointZoom: POINT_ZOOM, // from this zoom on, list points one by one
  maxPoints: 500, // at most this many single points per response (≈ 30 KB gzipped)
  fewPoints: 50, // at lower zooms, list points when the bbox holds no more than this many
  maxClusters: 1000, // more clusters than this (≈ 20 KB gzipped) are answered a zoom lower
  maxViewport: 4096, // a bbox wider or taller than this many pixels is answered at a lower zoom
  cacheSize: 8, // filtered indexes kept, least recently used dropped…
  cachePoints: 1_000_000, // …and while they hold more points than this in all (memory: ≈ 130 MB)
  properties: (i) => ({ i }), // a point feature's properties: pass id, name… from the caller
  allPoints: null, // none: the entry of all points builds its own tree
  moved: null, // none moved
};

const TILE = 256; // pixels per tile side at zoom 0
const CLUSTER_MAX_ZOOM = 16; // supercluster clusters up to here; we never ask above pointZoom - 1

interface Entry {
  /** the filter's test the entry was built with (null: all points) */
  test: ((i: number) => boolean) | null;
  /** asked for clusters up to maxZoom only (built without the tree of the single points) */
  clusters: Supercluster<null>;
  kd: KDBush;
  /** kd item j is point ids[j] */
  ids: Uint32Array;
}

/** Viewport index over points (not built until `build` or the first query needs it). */
export function createViewportIndex(points: ViewportPoints, options?: ViewportOptions): ViewportIndex {
  const opts = { ...defaultOptions, ...options };
  const at = positions(points);
  const maxZoom = Math.max(0, Math.min(CLUSTER_MAX_ZOOM, opts.pointZoom - 1));
  let all: Entry | undefined;
  const cache = new Map<string, Entry>();

  // the points `update` was told of while a filtered index was being built in slices (per build)
  const changedDuringBuilds = new Set<number[]>();
  const entry = (filter?: ViewportFilter | null): Entry => finish(entryFor(filter));
  function* entryFor(filter?: ViewportFilter | null): Sliced<Entry> {
    if (!filter?.test) return (all ??= yield* entryBuild(at, null, opts.radius, maxZoom, opts.allPoints));
    let e = cache.get(filter.key);
    while (!e) {
      const changed: number[] = [];
      changedDuringBuilds.add(changed);
      try {
        e = yield* entryBuild(at, filter.test, opts.radius, maxZoom);
      } finally {
        changedDuringBuilds.delete(changed);
      }
      const built = e;
      if (changed.some((i) => filter.test!(i) !== holds(built.ids, i))) e = undefined; // chose its points before a change: again
    }
    remember(cache, filter.key, e, opts.cacheSize, opts.cachePoints);
    return e;
  }

  const single = (i: number) => pointFeature({ lng: at.lng[i], lat: at.lat[i] }, opts.properties(i));

  function query(bbox: BBox, zoom: number, filter?: ViewportFilter | null): FeatureCollection<Point> {
    const boxes = normalise(bbox);
    if (boxes.length === 0) return collection([]);
    const e = entry(filter);
    const z = Math.min(Number.isFinite(zoom) ? Math.max(0, Math.floor(zoom)) : 0, fitZoom(boxes, opts.maxViewport));
    const clusters = (at: number) => {
      let found = boxes.flatMap((b) => e.clusters.getClusters(b, at));
      while (found.length > opts.maxClusters && at > 0) found = boxes.flatMap((b) => e.clusters.getClusters(b, --at));
      return found;
    };
    const found = z < opts.pointZoom ? clusters(Math.min(z, maxZoom)) : undefined;
    if (!found || found.reduce((sum, f) => sum + (f.properties?.point_count ?? 1), 0) <= opts.fewPoints) {
      const ids = range(e, boxes, opts.maxPoints, at, opts.moved);
      if (ids) return collection(ids.map(single));
    }
    return collection((found ?? clusters(maxZoom)).map((f) => {
      if (!f.properties?.cluster) return single(f.id as number);
      const [lng, lat] = f.geometry.coordinates;
      return pointFeature({ lng, lat }, f.properties);
    }));
  }

  return {
    build: (filter) => void entry(filter),
    *building(filter) {
      yield* entryFor(filter);
    },
    isBuilt: (filter) => (filter?.test ? cache.has(filter.key) : all !== undefined),
    query,
    update(changed) {
      for (const [key, e] of cache) if (changed.some((i) => e.test!(i) !== holds(e.ids, i))) cache.delete(key);
      for (const log of changedDuringBuilds) log.push(...changed);
    },
  };
}

/** Put `e` last in the LRU `cache`, then drop the oldest entries beyond the size and point budgets. */
function remember(cache: Map<string, Entry>, key: string, e: Entry, maxSize: number, maxPoints: number): void {
  cache.delete(key); // a Map iterates oldest first: re-inserting makes this the newest
  cache.set(key, e);
  let held = 0;
  for (const c of cache.values()) held += c.ids.length;
  for (const [k, c] of cache) {
    if (c === e || (cache.size <= maxSize && held <= maxPoints)) break;
    cache.delete(k);
    held -= c.ids.length;
  }
}

/**
 * supercluster over the points passing `test`, plus a kdbush over the same points for exact
 * ranges (for all points, `allPoints` when given and whole), a slice at a time (the points'
 * positions never change; which pass `test` is read once).
 */
function* entryBuild(
  at: Positions, test: ((i: number) => boolean) | null, radius: number, maxZoom: number, allPoints: KDBush | null = null,
): Sliced<Entry> {
  const n = at.lng.length;
  let count = n;
  if (test) {
    count = 0;
    yield* sliced(n, (i) => void (test(i) && count++));
  }
  const ids = new Uint32Array(count); // kdbush range() answers insertion order j
  let k = 0;
  yield* sliced(n, (i) => void ((!test || test(i)) && (ids[k++] = i)));
  if (k !== count) return yield* entryBuild(at, test, radius, maxZoom, allPoints); // a patch between the passes: choose again
  // a tree of all points answers ranges with their indexes: item j is point j, as ids[j] says
  const shared = !test && allPoints?.numItems === n ? allPoints : null;
  const kd = shared ?? (yield* kdBuild(ids.length, 64, (j) => at.lng[ids[j]], (j) => at.lat[ids[j]]));
  const clusters = yield* clustersBuild(at.lng, at.lat, ids, { radius, extent: TILE, maxZoom }, false); // asked up to maxZoom only (query)
  return { test, clusters, kd, ids };
}

/** Whether the ascending `ids` hold `i` (binary search). */
function holds(ids: Uint32Array, i: number): boolean {
  let lo = 0, hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === i) return true;
    if (ids[mid] < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

interface Positions {
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
}

/** The points' positions as columns (columns are used as they are). */
function positions(points: ViewportPoints): Positions {
  if (typeof (points as Positions).lng === 'object') return points as Positions;
  const list = points as ArrayLike<ViewportPoint>;
  const lng = new Float64Array(list.length), lat = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) [lng[i], lat[i]] = [list[i].lng, list[i].lat];
  return { lng, lat };
}

/** Indexes of the points in the boxes, ascending; null when there are more than `max`. Moved points are where `at` has them now. */
function range(e: Entry, boxes: BBox[], max: number, at: Positions, moved: ViewportOptions['moved']): number[] | null {
  const out: number[] = [];
  const some = moved != null && moved.moved.length > 0;
  for (const [w, s, east, n] of boxes) {
    for (const j of e.kd.range(w, s, east, n)) if (!some || !moved.isMoved(e.ids[j])) out.push(e.ids[j]);
    if (some) {
      for (const i of moved.moved) {
        const lng = at.lng[i], lat = at.lat[i]; // as kdbush's range tests its copies
        if (lng >= w && lng <= east && lat >= s && lat <= n && holds(e.ids, i)) out.push(i);
      }
    }
    if (out.length > max) return null;
  }
  return out.sort((a, b) => a - b);
}

/** Split a bbox at the antimeridian and clamp it to the world; [] when it is unusable. */
function normalise(bbox: BBox): BBox[] {
  const [w, s, e, n] = Array.isArray(bbox) ? bbox.map(Number) : [];
  if (![w, s, e, n].every(Number.isFinite) || s > n) return [];
  const south = Math.max(-90, s), north = Math.min(90, n);
  if (south > north) return [];
  if (e - w >= 360) return [[-180, south, 180, north]];
  const west = wrap(w), east = wrap(e);
  return west <= east ? [[west, south, east, north]] : [[west, south, 180, north], [-180, south, east, north]];
}

/** Longitude into [-180, 180], untouched (bit for bit) when already there. */
const wrap = (lng: number) => (lng >= -180 && lng <= 180 ? lng : ((((lng + 180) % 360) + 360) % 360) - 180);

/** Highest zoom at which the boxes fit in `maxViewport` pixels each way. */
function fitZoom(boxes: BBox[], maxViewport: number): number {
  const width = boxes.reduce((sum, b) => sum + (b[2] - b[0]) / 360, 0);
  const height = mercatorY(boxes[0][1]) - mercatorY(boxes[0][3]);
  const span = Math.max(width, height, 1e-12);
  return Math.max(0, Math.floor(Math.log2(maxViewport / (TILE * span))));
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function pointFeature(p: ViewportPoint, properties: GeoJsonProperties): Feature<Point> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [round6(p.lng), round6(p.lat)] }, properties };
}

function collection(features: Feature<Point>[]): FeatureCollection<Point> {
  return { type: 'FeatureCollection', features };
}
