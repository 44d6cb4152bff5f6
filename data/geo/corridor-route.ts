/**
 * A route prepared for corridor queries: its vertices in degrees and in Web Mercator, the metres
 * along it at each vertex (rhumb lengths: the route is straight on the map between vertices), and
 * a flatbush R-tree over its segments' Mercator boxes (searched in corridor-finder.ts).
 */
import Flatbush from 'flatbush';
import { EARTH_RADIUS_M, RAD } from './haversine';
import { alongSegment, inverseLength2, latOfY, mercLat, mercY, rhumbLength } from './corridor-segment';

/** A polyline as GeoJSON positions: [[lng, lat], …] in WGS-84 degrees (extra values ignored). */
export type Line = ArrayLike<ArrayLike<number>>;

export interface Route {
  /** number of segments (a one-vertex line is one zero-length segment) */
  readonly segments: number;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  /** Mercator x (λ in radians) and y, and φ in radians, of each vertex */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly φ: Float64Array;
  /** φ, cos φ and sin φ of each vertex as measured from its y (corridor-segment.ts mercLat), interleaved */
  readonly frames: Float64Array;
  /** 1 / length² of each segment in Mercator (corridor-segment.ts inverseLength2) */
  readonly inv: Float64Array;
  /** metres along the route at each vertex */
  readonly along: Float64Array;
  /** metres from the first vertex to the last */
  readonly length: number;
  readonly tree: Flatbush;
}

/** Prepares a line for queries; throws a RangeError on an empty line or a bad position. */
export function prepareRoute(line: Line, nodeSize = 4): Route {
  if (line.length === 0) throw new RangeError('a route needs at least one position');
  const n = Math.max(line.length, 2);
  const [lng, lat, x, y, φ, along] = Array.from({ length: 6 }, () => new Float64Array(n)), frames = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) {
    const p = line[Math.min(k, line.length - 1)];
    const a = +p[0], b = +p[1];
    if (!(a >= -180 && a <= 180 && b >= -90 && b <= 90)) throw new RangeError(`bad position at ${k}: ${a},${b}`);
    [lng[k], lat[k], x[k], y[k], φ[k]] = [a, b, a * RAD, mercY(b), b * RAD];
    mercLat(y[k], frames, k);
    if (k > 0) along[k] = along[k - 1] + rhumbLength(x[k - 1], y[k - 1], φ[k - 1], x[k], y[k], φ[k]);
  }
  const tree = new Flatbush(n - 1, nodeSize), inv = new Float64Array(n - 1);
  for (let s = 0; s < n - 1; s++) {
    inv[s] = inverseLength2(x[s], y[s], x[s + 1], y[s + 1]);
    tree.add(Math.min(x[s], x[s + 1]), Math.min(y[s], y[s + 1]), Math.max(x[s], x[s + 1]), Math.max(y[s], y[s + 1]));
  }
  tree.finish();
  return { segments: n - 1, lng, lat, x, y, φ, frames, inv, along, length: along[n - 1], tree };
}

/** Metres along the route to the point at t on segment s (latitude φt, when known). */
export function alongAt(r: Route, s: number, t: number, φt?: number): number {
  return r.along[s] + alongSegment(r.along[s + 1] - r.along[s], r.y[s], r.φ[s], r.y[s + 1], r.φ[s + 1], t, φt);
}

/**
 * Calls `visit` with the degree box of each chunk of the route, in order, about `chunkM` metres
 * long (a long segment is cut into pieces), grown to hold every point within `width` metres of the
 * chunk: by width/R in latitude, and in longitude by the most Mercator stretches a width at the
 * chunk's far latitude (|Δλ| ≤ the Mercator distance); and with the metres along the route where
 * the chunk ends. A point first seen in chunk c is nearest to the route at or after c's start, so
 * once a chunk is done, nothing unseen comes before its end. `visit` returns false to stop.
 */
export function forEachChunk(
  r: Route, width: number, chunkM: number,
  visit: (minLng: number, minLat: number, maxLng: number, maxLat: number, endAlong: number) => boolean,
): void {
  const reach = (width / EARTH_RADIUS_M) * (1 + 1e-9) + 1e-12; // radians
  const span = Math.max(chunkM, 100) / (EARTH_RADIUS_M * RAD); // chunk size in degrees of latitude
  // the chunk's box, and the last point added with its metres along, as an object's fields (doubles written to
  // variables of a closure are boxed afresh on every write)
  const c = { minLng: r.lng[0], minLat: r.lat[0], maxLng: r.lng[0], maxLat: r.lat[0], lng: r.lng[0], lat: r.lat[0], along: 0 };
  const emit = () => {
    const far = Math.max(Math.abs(c.minLat), Math.abs(c.maxLat)) * RAD + reach;
    const dLat = reach / RAD, dLng = far >= Math.PI / 2 ? 360 : reach / Math.cos(far) / RAD;
    return visit(c.minLng - dLng, c.minLat - dLat, c.maxLng + dLng, c.maxLat + dLat, c.along);
  };
  const add = (lng: number, lat: number, along: number) => {
    const lo = Math.min(c.minLng, lng), hi = Math.max(c.maxLng, lng), south = Math.min(c.minLat, lat), north = Math.max(c.maxLat, lat);
    let go = true;
    if (north - south <= span && (hi - lo) * Math.cos(Math.max(-south, north) * RAD) <= span) {
      c.minLng = lo;
      c.minLat = south;
      c.maxLng = hi;
      c.maxLat = north;
    } else { // close this chunk; the next one starts where it ended
      go = emit();
      c.minLng = Math.min(c.lng, lng);
      c.minLat = Math.min(c.lat, lat);
      c.maxLng = Math.max(c.lng, lng);
      c.maxLat = Math.max(c.lat, lat);
    }
    c.lng = lng;
    c.lat = lat;
    c.along = along;
    return go;
  };
  for (let s = 0; s < r.segments; s++) {
    const aLng = r.lng[s], bLng = r.lng[s + 1], aLat = r.lat[s], bLat = r.lat[s + 1];
    const cos = Math.cos(Math.max(Math.abs(aLat), Math.abs(bLat)) * RAD);
    const pieces = Math.ceil(Math.max(Math.abs(bLat - aLat), Math.abs(bLng - aLng) * cos) / span);
    for (let k = 1; k < pieces; k++) {
      const t = k / pieces; // a point of the segment: Mercator x and y in step
      if (!add(aLng + t * (bLng - aLng), latOfY(r.y[s] + t * (r.y[s + 1] - r.y[s])) / RAD, alongAt(r, s, t))) return;
    }
    if (!add(bLng, bLat, r.along[s + 1])) return;
  }
  emit();
}

/** `forEachChunk`'s chunks as one array: minLng, minLat, maxLng, maxLat, endAlong of each, in route order. */
export function routeChunks(r: Route, width: number, chunkM: number): Float64Array {
  const out: number[] = [];
  forEachChunk(r, width, chunkM, (...chunk) => out.push(...chunk) > 0);
  return Float64Array.from(out);
}

/**
 * Prepared routes by their positions, the last `size` kept: pages of one corridor are asked one
 * request at a time, each with the line again, and the corridor index reads on where the last page
 * ended only for the same Route object. A line equal position by position gets the same Route.
 */
export function routeCache(size = 8, nodeSize = 4): (line: Line) => Route {
  const kept: { flat: Float64Array; route: Route }[] = []; // most recently used first
  return (line) => {
    const at = kept.findIndex((e) => samePositions(e.flat, line)); // no hash first: lines that differ, differ early
    const entry = at >= 0 ? kept.splice(at, 1)[0] : { flat: Float64Array.from(Array.from(line).flatMap((p) => [+p[0], +p[1]])), route: prepareRoute(line, nodeSize) };
    kept.unshift(entry);
    if (kept.length > size) kept.pop();
    return entry.route;
  };
}

/** Whether a line has the positions kept flat (lng, lat, lng, …), compared in place. */
function samePositions(flat: Float64Array, line: Line): boolean {
  if (flat.length !== 2 * line.length) return false;
  for (let k = 0; k < line.length; k++) if (!Object.is(flat[2 * k], +line[k][0]) || !Object.is(flat[2 * k + 1], +line[k][1])) return false;
  return true;
}
