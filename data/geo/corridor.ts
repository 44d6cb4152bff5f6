/**
 * Points within a distance of a route, in route order: the corridor a truck driver scans.
 *
 * The points get one kdbush kd-tree, built once; each query prepares its route (a flatbush over
 * its segments, corridor-route.ts), cuts it into chunks about a width long, and asks the kd-tree
 * for the points in each chunk's box grown by the width, keeping those near enough to the chunk's
 * chord to be within the width of it. Each new candidate that passes the mask filters gets its
 * exact offset from the nearest segment of the whole route (corridor-finder.ts, with the distance
 * of corridor-segment.ts). Hits are what checking every point against every
 * segment gives, ordered by metres along the route, then offset, then index. A route that passes
 * a point twice lists it once, where it comes nearest (the first pass on a tie).
 *
 * Pages: a query walks chunk after chunk (corridor-sweep.ts) only until its first `limit` hits
 * (after `after`, the last hit of the page before) can no longer change. A query with a prepared
 * Route keeps its walk: the next page of the same Route object, filters and width reads on where
 * the last ended, so paging through a corridor walks each chunk once. A fresh Route (or a plain
 * line) starts at the first chunk that can hold a hit after `after`. The index keeps the walks of
 * the last few Routes, each holding about a page and a chunk of hits, and forgets them on `update`.
 *
 * Simplification: a query is exact to the line it is given, never to a simplified stand-in. Costs
 * grow little with the number of vertices (most points reuse the segment list of the point before),
 * so there is no need to trade exactness for speed; long tracks are simplified once, below the
 * accuracy of the data, where they come in (simplify.ts; /api/route uses 5 m).
 */
import { finish, sliced, type Sliced } from '../slices';
import { RAD } from './haversine';
import { mercY } from './corridor-segment';
import { prepareRoute, type Line, type Route } from './corridor-route';
import { Sweep, type RoutePlace, type SweepFilter, type SweepSpace } from './corridor-sweep';
import { HitColumns, type CorridorHit } from './corridor-order';
import { kdBuild, pointCount, typedColumns, type Points } from './points';

export type { Line, Route } from './corridor-route';
export type { RoutePlace } from './corridor-sweep';
export { prepareRoute, routeCache } from './corridor-route';
export { byRouteOrder, HitColumns, type CorridorHit } from './corridor-order';

export interface CorridorQuery {
  /** metres from the route, inclusive */
  width: number;
  /** every bit required */
  all?: number;
  /** at least one bit required; 0/undefined: no constraint */
  any?: number;
  only24h?: boolean;
  /** extra per-point test (e.g. open now), evaluated last and only for would-be hits */
  predicate?: (i: number) => boolean;
  /** only the first this many hits in route order (the search stops once they are certain) */
  limit?: number;
  /** only hits after this place in route order (along, then offset, then index): the next page */
  after?: RoutePlace;
}

export interface CorridorOptions {
  /** kd-tree leaf size, in points */
  nodeSize?: number;
  /** R-tree node size of a route's segments */
  routeNodeSize?: number;
  /** length of the route chunks whose boxes are looked up, as a multiple of the width */
  chunk?: number;
  /** metres beyond its own distance to the route within which a point's nearby segments are listed for the next points */
  reuse?: number;
}

export interface CorridorIndex {
  /** number of points indexed */
  readonly size: number;
  /** Points within `q.width` of a line (or a route prepared once for several queries), in route order, as columns. */
  hits(line: Line | Route, q: CorridorQuery): HitColumns;
  /** `hits` as objects. */
  query(line: Line | Route, q: CorridorQuery): CorridorHit[];
  /** Re-reads the filter columns (masks, 24 h) of the points `changed`; their positions must be unchanged. */
  update(changed: readonly number[]): void;
}

const defaultOptions: Required<CorridorOptions> = {
  nodeSize: 16, // kd-tree leaf size in points: small leaves list nearby points one after another, so the segment finder's anchors serve more of them (a query makes few range walks)
  routeNodeSize: 4, // R-tree node size in segments: small nodes prune the nearest-segment walk best
  chunk: 1, // chunk length in widths: longer chunks mean fewer range queries but emptier boxes
  reuse: 1000, // metres: longer lists of nearby segments serve more of the next points but cost each more
};

/** Build the index over the points (once per listing; queries reuse it). */
export function createCorridorIndex(points: Points, options?: CorridorOptions): CorridorIndex {
  return finish(corridorIndexBuild(points, options));
}

/**
 * `createCorridorIndex`, a slice at a time. The filter columns are copied in the last slice, so a
 * patch of the points between slices (positions stay, masks change) is read.
 */
export function* corridorIndexBuild(points: Points, options?: CorridorOptions): Sliced<CorridorIndex> {
  const { nodeSize, routeNodeSize, chunk, reuse } = { ...defaultOptions, ...options };
  const n = pointCount(points), p = typedColumns(points);
  const kd = yield* kdBuild(n, nodeSize, (i) => p.lng[i], (i) => p.lat[i]);
  // per point, in kd-tree order (the points of a box sit together in memory): Mercator y, cos φ, masks (λ and φ are
  // read from the tree's own coordinates: the same doubles, times RAD, and 16 bytes a point fewer: 6.4 MB at 400 k)
  const ids = kd.ids;
  const [y, cos] = [new Float64Array(n), new Float64Array(n)];
  const all = new Uint32Array(n), any = new Uint32Array(n), is24h = new Uint8Array(n), seen = new Uint32Array(n);
  yield* sliced(n, (j) => {
    const lat = p.lat[ids[j]];
    [y[j], cos[j]] = [mercY(lat), Math.cos(lat * RAD)];
  });
  for (let j = 0; j < n; j++) {
    const i = ids[j];
    [all[j], any[j], is24h[j]] = [p.all[i], p.any[i], p.is24h[i]];
  }
  const space: SweepSpace = { kd, ids, coords: kd.coords as Float64Array, y, cos, all, any, is24h, seen, stamp: 0, epoch: 0, stack: [], inBox: new Int32Array(1024) };
  const sweeps: Sweep[] = []; // of prepared routes, most recently used first: the next page reads on where the last one ended

  function hits(line: Line | Route, q: CorridorQuery): HitColumns {
    const width = q.width, limit = q.limit ?? Infinity;
    if (n === 0 || !(width >= 0) || !Number.isFinite(width) || !(limit > 0)) return new HitColumns(0);
    const out = new HitColumns(Math.min(limit, FIRST_CAPACITY));
    const filter = sweepFilter(q);
    const from = q.after ? q.after.along : -Infinity;
    if (!isRoute(line)) return new Sweep(space, prepareRoute(line, routeNodeSize), filter, width * chunk, reuse, from).page(q.after, q.predicate, limit, out);
    let k = sweeps.findIndex((s) => s.route === line && s.base <= from && sameFilter(s.filter, filter));
    const sweep = k >= 0 ? sweeps[k] : new Sweep(space, line, filter, width * chunk, reuse, from);
    if (k < 0) k = sweeps.push(sweep) - 1;
    sweeps.splice(k, 1);
    sweeps.unshift(sweep);
    if (sweeps.length > KEPT_SWEEPS) sweeps.pop();
    return sweep.page(q.after, q.predicate, limit, out);
  }
  function update(changed: readonly number[]): void {
    if (changed.length === 0) return;
    sweeps.length = 0; // their hits were found with the old masks
    const marked = new Uint8Array(n);
    for (const i of changed) marked[i] = 1;
    for (let j = 0; j < n; j++) {
      const i = ids[j];
      if (marked[i]) [all[j], any[j], is24h[j]] = [p.all[i], p.any[i], p.is24h[i]];
    }
  }
  return { size: n, hits, query: (line, q) => hits(line, q).toArray(), update };
}

/** Room for hits a page starts with when it has no limit (a 1,200 km corridor 10 km wide at 400 k stations holds 40 k). */
const FIRST_CAPACITY = 4096;

/** Sweeps kept per index, one for each line the API's routeCache keeps (each holds about a page and a chunk of hits, 20 bytes a hit). */
const KEPT_SWEEPS = 8;

/** What a sweep for `q` finds. */
function sweepFilter(q: CorridorQuery): SweepFilter {
  const all = (q.all ?? 0) >>> 0, any = (q.any ?? 0) >>> 0, only24h = q.only24h === true;
  return { width: q.width, all, any, only24h, masked: all !== 0 || any !== 0 || only24h };
}

const sameFilter = (a: SweepFilter, b: SweepFilter) => a.width === b.width && a.all === b.all && a.any === b.any && a.only24h === b.only24h;

function isRoute(line: Line | Route): line is Route {
  return (line as Route).tree !== undefined;
}
