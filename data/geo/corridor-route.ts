/**
 * A route prepared for corridor queries: its vertices in degrees and in Web Mercator, the metres
 * along it at each vertex (rhumb lengths: the route is straight on the map between vertices), and
 * a flatbush R-tree over its segments' Mercator boxes (searched in corridor-finder.ts).
 */
import Flatbush from 'flatbush';
import { EARTH_RADIUS_M, RAD } from './haversine';
import { footAt, inverseLength2, latOfY, measureAlong, mercLat, mercY, rhumbLength, M, M_AY, M_BY, M_LAT, M_LEN, M_OUT, M_T, M_φA, M_φB } from './corridor-segment';

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
  M[M_T] = t;
  M[M_LAT] = φt ?? NaN;
  measureAlongAt(r, s);
  return M[M_OUT];
}

/** `alongAt` segment s at the t and latitude in M (M_T, M_LAT), into M[M_OUT]: no double passed or returned (each a heap object when V8 does not inline the call). */
export function measureAlongAt(r: Route, s: number): void {
  M[M_LEN] = r.along[s + 1] - r.along[s];
  M[M_AY] = r.y[s];
  M[M_φA] = r.φ[s];
  M[M_BY] = r.y[s + 1];
  M[M_φB] = r.φ[s + 1];
  measureAlong();
  M[M_OUT] = r.along[s] + M[M_OUT];
}

/** Values per chunk in `routeChunks`' array (CHUNK_* name each one's place). */
export const CHUNK = 10;
/** The chunk's box (degrees), grown to hold every point within the width of it. */
export const CHUNK_MIN_LNG = 0, CHUNK_MIN_LAT = 1, CHUNK_MAX_LNG = 2, CHUNK_MAX_LAT = 3;
/** Metres along the route where the chunk ends. */
export const CHUNK_END = 4;
/** Its chord in Mercator (from its first point to its last: x, y, x, y), and the squared Mercator distance from the chord beyond which a point of the box is farther than the width from every point of the chunk. */
export const CHUNK_AX = 5, CHUNK_AY = 6, CHUNK_BX = 7, CHUNK_BY = 8, CHUNK_FAR2 = 9;

/**
 * The route cut into chunks about `chunkM` metres long (a long segment is cut into pieces), in
 * order, as one array of CHUNK values each. A chunk's box is grown to hold every point within
 * `width` metres of the chunk: by width/R in latitude, and in longitude by the most Mercator
 * stretches a width at the box's far latitude (|Δλ| ≤ the Mercator distance). A point of the box
 * farther than CHUNK_FAR2 from the chunk's chord (squared, Mercator) is farther than `width` from
 * the chunk: a point within the width of it is within W = width / (R·cos(far latitude + width/R))
 * of it in Mercator (the great-circle arc to it stays below that latitude, where a Mercator unit is
 * at least R·cos metres), and every point of the chunk is within e of the chord (e: its farthest
 * vertex; the distance to a segment is convex, so its farthest point is a vertex). So a point first
 * found near chunk c is nearest to the route at or after c's start, and once a chunk is done,
 * nothing unfound comes before its end.
 */
export function routeChunks(r: Route, width: number, chunkM: number): Float64Array {
  const reach = (width / EARTH_RADIUS_M) * (1 + 1e-9) + 1e-12; // radians
  const span = Math.max(chunkM, 100) / (EARTH_RADIUS_M * RAD); // chunk size in degrees of latitude
  const p = routePoints(r, span), { lng, lat } = p, out: number[] = [];
  // (plain locals, no closures: doubles written to a closure's variables or passed to a call not inlined are boxed, a heap number each)
  let first = 0, minLng = lng[0], minLat = lat[0], maxLng = lng[0], maxLat = lat[0]; // the chunk's first point, and its points' degree bounds
  for (let k = 1; k < p.n; k++) {
    const lo = Math.min(minLng, lng[k]), hi = Math.max(maxLng, lng[k]), south = Math.min(minLat, lat[k]), north = Math.max(maxLat, lat[k]);
    if (north - south <= span && (hi - lo) * Math.cos(Math.max(-south, north) * RAD) <= span) {
      minLng = lo;
      minLat = south;
      maxLng = hi;
      maxLat = north;
      continue;
    }
    chunkOf(p, first, k - 1, reach, out); // close this chunk; the next one starts where it ended
    first = k - 1;
    minLng = Math.min(lng[first], lng[k]);
    minLat = Math.min(lat[first], lat[k]);
    maxLng = Math.max(lng[first], lng[k]);
    maxLat = Math.max(lat[first], lat[k]);
  }
  chunkOf(p, first, p.n - 1, reach, out);
  return Float64Array.from(out);
}

/** A route's vertices, with points cut into its long segments so that no piece is longer than `span` degrees of latitude: degrees, Mercator and metres along. */
interface RoutePoints {
  n: number;
  lng: Float64Array;
  lat: Float64Array;
  x: Float64Array;
  y: Float64Array;
  along: Float64Array;
}

function routePoints(r: Route, span: number): RoutePoints {
  const pieces = new Uint32Array(r.segments);
  let n = 1;
  for (let s = 0; s < r.segments; s++) {
    const cos = Math.cos(Math.max(Math.abs(r.lat[s]), Math.abs(r.lat[s + 1])) * RAD);
    n += pieces[s] = Math.max(1, Math.ceil(Math.max(Math.abs(r.lat[s + 1] - r.lat[s]), Math.abs(r.lng[s + 1] - r.lng[s]) * cos) / span));
  }
  const [lng, lat, x, y, along] = Array.from({ length: 5 }, () => new Float64Array(n));
  const vertex = (k: number, s: number) => {
    lng[k] = r.lng[s];
    lat[k] = r.lat[s];
    x[k] = r.x[s];
    y[k] = r.y[s];
    along[k] = r.along[s];
  };
  vertex(0, 0);
  for (let s = 0, k = 1; s < r.segments; s++) {
    for (let j = 1; j < pieces[s]; j++, k++) { // a point of the segment: Mercator x and y in step
      const t = j / pieces[s];
      x[k] = r.x[s] + t * (r.x[s + 1] - r.x[s]);
      y[k] = r.y[s] + t * (r.y[s + 1] - r.y[s]);
      lng[k] = r.lng[s] + t * (r.lng[s + 1] - r.lng[s]);
      lat[k] = latOfY(y[k]) / RAD;
      along[k] = alongAt(r, s, t);
    }
    vertex(k++, s + 1);
  }
  return { n, lng, lat, x, y, along };
}

/** Appends the chunk from point `first` to point `last` to `out`, as routeChunks lays it out. */
function chunkOf(p: RoutePoints, first: number, last: number, reach: number, out: number[]): void {
  let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
  for (let k = first; k <= last; k++) {
    minLng = Math.min(minLng, p.lng[k]);
    minLat = Math.min(minLat, p.lat[k]);
    maxLng = Math.max(maxLng, p.lng[k]);
    maxLat = Math.max(maxLat, p.lat[k]);
  }
  const far = Math.max(Math.abs(minLat), Math.abs(maxLat)) * RAD + reach;
  const dLat = reach / RAD, dLng = far >= Math.PI / 2 ? 360 : reach / Math.cos(far) / RAD;
  const ax = p.x[first], ay = p.y[first], bx = p.x[last], by = p.y[last], inv = inverseLength2(ax, ay, bx, by);
  let e = 0; // the chunk's farthest point from its chord
  for (let k = first + 1; k < last; k++) {
    const t = footAt(ax, ay, bx, by, inv, p.x[k], p.y[k]), dx = ax + t * (bx - ax) - p.x[k], dy = ay + t * (by - ay) - p.y[k];
    e = Math.max(e, Math.sqrt(dx * dx + dy * dy));
  }
  const low = far + reach, w = low < Math.PI / 2 ? (reach / Math.cos(low)) * (1 + 1e-9) : Infinity, far2 = (w + e + 1e-12) * (w + e + 1e-12);
  out.push(minLng - dLng, minLat - dLat, maxLng + dLng, maxLat + dLat, p.along[last], ax, ay, bx, by, far2);
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
    const entry = at >= 0 ? kept.splice(at, 1)[0] : { flat: flatPositions(line), route: prepareRoute(line, nodeSize) };
    kept.unshift(entry);
    if (kept.length > size) kept.pop();
    return entry.route;
  };
}

/** A line's positions flat (lng, lat, lng, …), as `samePositions` compares them: no array per position on the way. */
function flatPositions(line: Line): Float64Array {
  const flat = new Float64Array(2 * line.length);
  for (let k = 0; k < line.length; k++) {
    flat[2 * k] = +line[k][0];
    flat[2 * k + 1] = +line[k][1];
  }
  return flat;
}

/** Whether a line has the positions kept flat (lng, lat, lng, …), compared in place. */
function samePositions(flat: Float64Array, line: Line): boolean {
  if (flat.length !== 2 * line.length) return false;
  for (let k = 0; k < line.length; k++) if (!Object.is(flat[2 * k], +line[k][0]) || !Object.is(flat[2 * k + 1], +line[k][1])) return false;
  return true;
}
