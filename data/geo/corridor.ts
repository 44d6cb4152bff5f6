/**
 * Points within a distance of a route, in route order: the corridor a truck driver scans.
 *
 * The points get one kdbush kd-tree, built once; each query prepares its route (a flatbush over
 * its segments, corridor-route.ts), cuts it into chunks about a width long, and asks the kd-tree
 * for the points in each chunk's box grown by the width. Each new candidate that passes the mask
 * filters gets its exact offset from the nearest segment of the whole route (corridor-finder.ts,
 * with the distance of corridor-segment.ts). Hits are what checking every point against every
 * segment gives, ordered by metres along the route, then offset, then index. A route that passes
 * a point twice lists it once, where it comes nearest (the first pass on a tie). With a `limit`,
 * the search stops at the first chunk after which the first `limit` hits can no longer change; with
 * `after` (the last hit of the page before), it starts at the first chunk that can hold a later hit,
 * so paging through a corridor costs about one pass in all.
 *
 * Simplification: a query is exact to the line it is given, never to a simplified stand-in. Costs
 * grow little with the number of vertices (most points reuse the segment list of the point before),
 * so there is no need to trade exactness for speed; long tracks are simplified once, below the
 * accuracy of the data, where they come in (simplify.ts; /api/route uses 5 m).
 */
import type KDBush from 'kdbush';
import { finish, sliced, type Sliced } from '../slices';
import { RAD } from './haversine';
import { mercY } from './corridor-segment';
import { alongAt, forEachChunk, prepareRoute, type Line, type Route } from './corridor-route';
import { segmentFinder, type Closest } from './corridor-finder';
import { countBefore, inRouteOrder, type CorridorHit } from './corridor-order';
import { kdBuild, pointCount, typedColumns, type Points } from './points';

export type { Line, Route } from './corridor-route';
export { prepareRoute } from './corridor-route';
export { byRouteOrder, type CorridorHit } from './corridor-order';

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

/** A place in route order: metres along, metres off, and whether a point exactly there (index i) comes after it. */
export interface RoutePlace {
  along: number;
  offset: number;
  tieAfter(i: number): boolean;
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
  /** Points within `q.width` of a line (or a route prepared once for several queries), in route order. */
  query(line: Line | Route, q: CorridorQuery): CorridorHit[];
  /** Re-reads the filter columns (masks, 24 h) of the points `changed`; their positions must be unchanged. */
  update(changed: readonly number[]): void;
}

const defaultOptions: Required<CorridorOptions> = {
  nodeSize: 64, // kd-tree leaf size in points: range queries over wide boxes like big leaves
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
  // per point, in kd-tree order (the points of a box sit together in memory): Mercator x, y, φ, cos φ, masks
  const ids = kd.ids;
  const [x, y, φ, cos] = Array.from({ length: 4 }, () => new Float64Array(n));
  const all = new Uint32Array(n), any = new Uint32Array(n), is24h = new Uint8Array(n), seen = new Uint32Array(n);
  yield* sliced(n, (j) => {
    const lat = p.lat[ids[j]];
    [x[j], y[j], φ[j], cos[j]] = [p.lng[ids[j]] * RAD, mercY(lat), lat * RAD, Math.cos(lat * RAD)];
  });
  for (let j = 0; j < n; j++) {
    const i = ids[j];
    [all[j], any[j], is24h[j]] = [p.all[i], p.any[i], p.is24h[i]];
  }
  let stamp = 0;
  const stack: number[] = [];

  function query(line: Line | Route, q: CorridorQuery): CorridorHit[] {
    const width = q.width, limit = q.limit ?? Infinity;
    if (n === 0 || !(width >= 0) || !Number.isFinite(width) || !(limit > 0)) return [];
    const route = isRoute(line) ? line : prepareRoute(line, routeNodeSize);
    if (++stamp === 0xffffffff) seen.fill((stamp = 1) - 1); // wrapped: forget every old stamp
    const qAll = (q.all ?? 0) >>> 0, qAny = (q.any ?? 0) >>> 0, only24h = q.only24h === true;
    const hits: CorridorHit[] = [];
    const at: Closest = { s: 0, t: 0, offset: 0 }, nearest = segmentFinder(route, width, reuse);
    const after = q.after, from = after ? after.along : -Infinity;
    const visit = (j: number) => {
      if (seen[j] === stamp) return;
      seen[j] = stamp;
      if ((all[j] & qAll) !== qAll || (qAny !== 0 && (any[j] & qAny) === 0) || (only24h && !is24h[j])) return;
      if (!nearest(x[j], φ[j], cos[j], y[j], at)) return;
      const hit = { i: ids[j], along: alongAt(route, at.s, at.t), offset: at.offset };
      if (after && !isAfter(hit, after)) return;
      if (q.predicate && !q.predicate(hit.i)) return;
      hits.push(hit);
    };
    forEachChunk(route, width, width * chunk, (minX, minY, maxX, maxY, endAlong) => {
      // a point nearest to the route at `along` lies in the box of the chunk holding `along`: chunks ending before the page's start hold nothing after it
      if (endAlong < from) return true;
      forEachInBox(kd, stack, minX, minY, maxX, maxY, visit);
      return hits.length < limit || countBefore(hits, endAlong) < limit; // nothing unseen comes before endAlong
    });
    const ordered = inRouteOrder(hits, route.length);
    return ordered.length > limit ? ordered.slice(0, limit) : ordered;
  }
  function update(changed: readonly number[]): void {
    if (changed.length === 0) return;
    const marked = new Uint8Array(n);
    for (const i of changed) marked[i] = 1;
    for (let j = 0; j < n; j++) {
      const i = ids[j];
      if (marked[i]) [all[j], any[j], is24h[j]] = [p.all[i], p.any[i], p.is24h[i]];
    }
  }
  return { size: n, query, update };
}

/** kdbush's range walk, calling `visit` with the tree position of each point in the box (no arrays made). */
function forEachInBox(
  kd: KDBush, stack: number[], minX: number, minY: number, maxX: number, maxY: number, visit: (j: number) => void,
): void {
  const coords = kd.coords, nodeSize = kd.nodeSize;
  let sp = push(stack, 0, 0, kd.numItems - 1, 0);
  while (sp > 0) {
    const axis = stack[--sp], right = stack[--sp], left = stack[--sp];
    const leaf = right - left <= nodeSize, m = (left + right) >> 1;
    for (let j = leaf ? left : m, last = leaf ? right : m; j <= last; j++) {
      const px = coords[2 * j], py = coords[2 * j + 1];
      if (px >= minX && px <= maxX && py >= minY && py <= maxY) visit(j);
    }
    if (leaf) continue;
    const split = coords[2 * m + axis];
    if ((axis === 0 ? minX : minY) <= split) sp = push(stack, sp, left, m - 1, 1 - axis);
    if ((axis === 0 ? maxX : maxY) >= split) sp = push(stack, sp, m + 1, right, 1 - axis);
  }
}

/** Pushes a kd-tree node (left, right, axis) on a stack; returns the new stack size. */
function push(stack: number[], sp: number, left: number, right: number, axis: number): number {
  stack[sp] = left;
  stack[sp + 1] = right;
  stack[sp + 2] = axis;
  return sp + 3;
}

/** Whether hit h comes after place p in route order. */
function isAfter(h: CorridorHit, p: RoutePlace): boolean {
  return h.along > p.along || (h.along === p.along && (h.offset > p.offset || (h.offset === p.offset && p.tieAfter(h.i))));
}

function isRoute(line: Line | Route): line is Route {
  return (line as Route).tree !== undefined;
}
