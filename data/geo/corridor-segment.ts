/**
 * The distance primitive of route corridors, shared by the corridor index, its brute-force
 * oracle, `simplifyLine` and the tile cover, so that their answers agree bit for bit.
 *
 * A route is straight between its vertices on the map: straight in Web Mercator (x = λ radians,
 * y = ln tan(π/4 + φ/2)), as Leaflet draws it — a rhumb line. Mercator is conformal, so around a
 * point P it is a uniform scale (cos φ) to first order: the point Q of a segment nearest to P in
 * the Mercator plane is, to second order, the nearest on the sphere. The offset is the exact
 * great-circle (haversine) distance from P to that Q. Against the true spherical minimum, for
 * |φ| ≤ 55°: the foot moves by ≈ d²·tan φ / 2R (11 m at d = 10 km), which changes the distance
 * by ≈ (that)² / 2d — under 1 cm at 10 km, under 1 m at 50 km. Between segments, the nearest is
 * chosen by these exact offsets, never by the projection. Lines must not cross the antimeridian.
 */
import { EARTH_RADIUS_M, RAD } from './haversine';

/** Latitudes are clamped to this (degrees) before projecting, so the poles stay finite. */
export const MAX_LAT = 89.9;

/** Web Mercator y (unitless, like radians) of a latitude in degrees. */
export function mercY(lat: number): number {
  const φ = (lat > MAX_LAT ? MAX_LAT : lat < -MAX_LAT ? -MAX_LAT : lat) * RAD;
  return Math.log(Math.tan(Math.PI / 4 + φ / 2));
}

/** Latitude in radians of a Web Mercator y (inverse of `mercY`, in radians). */
export function latOfY(y: number): number {
  return 2 * Math.atan(Math.exp(y)) - Math.PI / 2;
}

/** Parameter t ∈ [0, 1] of the point of segment AB nearest to P in the Mercator plane (0 when A = B). */
export function footT(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return footAt(ax, ay, bx, by, inverseLength2(ax, ay, bx, by), px, py);
}

/**
 * 1 / |AB|² in the Mercator plane (0 when A = B, or so near that the square underflows and its
 * inverse is infinite: a point, whose foot is A): what `footAt` takes, kept per segment by a
 * prepared route.
 */
export function inverseLength2(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay, inv = 1 / (dx * dx + dy * dy);
  return inv < Infinity ? inv : 0;
}

/** `footT` given AB's `inverseLength2` (a product where a quotient costs more), to the bit. */
export function footAt(ax: number, ay: number, bx: number, by: number, inv: number, px: number, py: number): number {
  const t = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) * inv;
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/**
 * Haversine metres from P (λ and φ in radians, cos φ) to the point at t of segment AB (Mercator
 * x, y), as `offsetOn` measures it on a prepared route; at t = 0 or 1 it is the vertex itself, so
 * that the two segments meeting there give the same metres to the bit (a nearest search measures
 * a vertex once).
 */
export function offsetAt(ax: number, ay: number, bx: number, by: number, t: number, λ: number, φ: number, cosφ: number): number {
  const f = two.frames;
  mercLat(t === 1 ? by : ay, f, 0); // the vertex measured, or the one a foot's latitude is taken from
  if (t === 0 || t === 1) return offsetFrom(t === 0 ? ax : bx, f[0], f[1], λ, φ, cosφ);
  two.x[0] = ax;
  two.x[1] = bx;
  two.y[0] = ay;
  two.y[1] = by;
  return offsetOn(two, 0, t, λ, φ, cosφ);
}

/** A segment for `offsetAt`: its vertices as a prepared route keeps them. */
const two = { x: new Float64Array(2), y: new Float64Array(2), frames: new Float64Array(3) };

/** Vertices as `offsetOn` reads them: Mercator x and y, and φ, cos φ, sin φ of each (`mercLat`). */
export interface Vertices {
  x: Float64Array;
  y: Float64Array;
  frames: Float64Array;
}

/**
 * Haversine metres from P to the point at t (0 < t < 1) of segment s of a line, at the latitude
 * `footLatitude` gives it; leaves that latitude in `footLat.φ` for the metres along.
 */
export function offsetOn(v: Vertices, s: number, t: number, λ: number, φ: number, cosφ: number): number {
  M[M_λ] = λ;
  M[M_φ] = φ;
  M[M_COSφ] = cosφ;
  M[M_T] = t;
  measureOn(v, s);
  return M[M_OUT];
}

/**
 * Haversine metres from P to Q given Q's λ, φ and cos φ (a vertex's from `mercLat`, a foot's from
 * `footLatitude`).
 */
export function offsetFrom(xq: number, φq: number, cosq: number, λ: number, φ: number, cosφ: number): number {
  M[M_X] = xq;
  M[M_LAT] = φq;
  M[M_COS] = cosq;
  M[M_λ] = λ;
  M[M_φ] = φ;
  M[M_COSφ] = cosφ;
  measure();
  return M[M_OUT];
}

/**
 * What `measure` and `measureOn` read and write, in place of parameters and a result: a double
 * passed to or returned from a function V8 does not inline is boxed, a new heap object each (up
 * to 2.7 MB of garbage for a 400 k corridor, when V8 inlined less of the nearest-segment search).
 * Q (λ, φ, cos φ), P (λ, φ, cos φ), t, the metres; a foot's δ and y for `placeFoot`; a segment for `measureAlong`.
 */
export const M = new Float64Array(15);
export const M_X = 0, M_LAT = 1, M_COS = 2, M_λ = 3, M_φ = 4, M_COSφ = 5, M_T = 6, M_OUT = 7;
/** a segment for `measureAlong`: its length (metres), and y and φ of its ends */
export const M_LEN = 10, M_AY = 11, M_φA = 12, M_BY = 13, M_φB = 14;
/** a foot's δ beyond its vertex and its Mercator y (placeFoot) */
const M_δ = 8, M_Y = 9;

/** `offsetOn` of the P and t in M, into M[M_OUT]; leaves the foot's latitude in `footLat.φ`. */
export function measureOn(v: Vertices, s: number): void {
  const { x, y } = v, t = M[M_T], δ = t * (y[s + 1] - y[s]);
  M[M_δ] = δ;
  M[M_Y] = y[s] + δ;
  placeFoot(v.frames, s);
  M[M_X] = x[s] + t * (x[s + 1] - x[s]);
  M[M_LAT] = footLat.φ;
  M[M_COS] = footLat.cos;
  measure();
}

/**
 * `offsetFrom` of the Q and P in M, into M[M_OUT]. sin x for |x| < 0.01 (half an angle of a chord
 * under 127 km) by its series to x⁷, whose remainder (< 3e-22 of x) is far below a double's
 * rounding: within an ulp of Math.sin (equal in all but a few in a million), and cheaper than its
 * call; beyond, Math.sin. asin x for x < 0.01 by its series to x⁹ (the same remainder; within an ulp of
 * Math.asin); beyond, Math.asin. (Written out, not functions of their own: each would take and
 * return a double.)
 */
export function measure(): void {
  const a = (M[M_φ] - M[M_LAT]) / 2, b = (M[M_λ] - M[M_X]) / 2;
  let a2 = a * a, sφ = a < 0.01 && a > -0.01 ? a - a * a2 * (1 / 6 - a2 * (1 / 120 - a2 * (1 / 5040))) : Math.sin(a);
  a2 = b * b;
  const sλ = b < 0.01 && b > -0.01 ? b - b * a2 * (1 / 6 - a2 * (1 / 120 - a2 * (1 / 5040))) : Math.sin(b);
  const h = sφ * sφ + M[M_COSφ] * M[M_COS] * sλ * sλ, c = Math.sqrt(h < 1 ? h : 1), c2 = c * c;
  sφ = c < 0.01 ? c + c * c2 * (1 / 6 + c2 * (3 / 40 + c2 * (5 / 112 + c2 * (35 / 1152)))) : Math.asin(c);
  M[M_OUT] = 2 * EARTH_RADIUS_M * sφ;
}

/** φ (radians), cos φ and sin φ of Mercator y (one exp: cos φ = sech y, sin φ = tanh y), into out[3k], out[3k + 1], out[3k + 2]. */
export function mercLat(y: number, out: Float64Array, k: number): void {
  const e = Math.exp(y), e2 = e * e;
  out[3 * k] = 2 * Math.atan(e) - Math.PI / 2;
  out[3 * k + 1] = (2 * e) / (1 + e2);
  out[3 * k + 2] = (e2 - 1) / (e2 + 1);
}

/**
 * φ and cos φ of the point δ beyond vertex k in Mercator y (`yq` its y), into `footLat`. Within
 * 1e-3 of the vertex (6.4 km × cos φ) by the Taylor series of φ = gd(y) about it, to δ⁴, from the
 * vertex's φ, cos φ and sin φ (gd′ = cos φ, and d/dy cos φ = −cos φ sin φ, d/dy sin φ = cos² φ):
 * within 7e-16 rad and 5e-16 of an exp and an atan, about their own rounding, and cheaper. Beyond,
 * by exp and atan.
 */
export function footLatitude(frames: Float64Array, k: number, δ: number, yq: number): void {
  M[M_δ] = δ;
  M[M_Y] = yq;
  placeFoot(frames, k);
}

/** `footLatitude` of the δ and yq in M (M_δ, M_Y). */
function placeFoot(frames: Float64Array, k: number): void {
  const δ = M[M_δ];
  if (δ <= 1e-3 && δ >= -1e-3) {
    const φa = frames[3 * k], c = frames[3 * k + 1], s = frames[3 * k + 2], c2 = c * c, s2 = s * s;
    const g2 = -c * s, g3 = c * (s2 - c2), g4 = c * s * (5 * c2 - s2), g5 = c * (5 * c2 * c2 - 18 * c2 * s2 + s2 * s2); // gd″ … gd⁽⁵⁾
    // (products by the constants 1/6 and 1/24, not quotients: a division takes several times a multiplication)
    footLat.φ = φa + δ * (c + δ * (g2 * 0.5 + δ * (g3 * (1 / 6) + δ * (g4 * (1 / 24)))));
    footLat.cos = c + δ * (g2 + δ * (g3 * 0.5 + δ * (g4 * (1 / 6) + δ * (g5 * (1 / 24)))));
    return;
  }
  const e = Math.exp(M[M_Y]);
  footLat.φ = 2 * Math.atan(e) - Math.PI / 2;
  footLat.cos = (2 * e) / (1 + e * e);
}

/** The latitude (radians) and cos φ of the last foot `footLatitude` placed. */
export const footLat = { φ: 0, cos: 1 };

/** Metres of the rhumb line from A to B (Mercator x, y; φ in radians). */
export function rhumbLength(ax: number, ay: number, φa: number, bx: number, by: number, φb: number): number {
  const dφ = φb - φa, dy = by - ay, dx = bx - ax;
  const q = Math.abs(dy) > 1e-12 ? dφ / dy : Math.cos(φa); // dφ/dy along the line: cos φ
  return EARTH_RADIUS_M * Math.sqrt(dφ * dφ + q * q * dx * dx);
}

/**
 * Metres from A to the point at t of segment AB, `len` metres long: a rhumb line's length grows
 * in step with its latitude (along a parallel, with its longitude). `φt`, when known, is that
 * point's latitude (from `footLatitude`, as `offsetOn` leaves it; else found the same way).
 */
export function alongSegment(len: number, ay: number, φa: number, by: number, φb: number, t: number, φt?: number): number {
  M[M_LEN] = len;
  M[M_AY] = ay;
  M[M_φA] = φa;
  M[M_BY] = by;
  M[M_φB] = φb;
  M[M_T] = t;
  M[M_LAT] = φt ?? NaN;
  measureAlong();
  return M[M_OUT];
}

/** `alongSegment` of the segment (M_LEN, M_AY, M_φA, M_BY, M_φB), t (M_T) and latitude (M_LAT; NaN: not known) in M, into M[M_OUT]. */
export function measureAlong(): void {
  const len = M[M_LEN], t = M[M_T], φa = M[M_φA], dφ = M[M_φB] - φa;
  if (t === 0 || t === 1 || Math.abs(dφ) <= 1e-9) {
    M[M_OUT] = t * len;
    return;
  }
  let φt = M[M_LAT];
  if (φt !== φt) { // NaN: not known
    const ay = M[M_AY], δ = t * (M[M_BY] - ay);
    mercLat(ay, two.frames, 0);
    M[M_δ] = δ;
    M[M_Y] = ay + δ;
    placeFoot(two.frames, 0);
    φt = footLat.φ;
  }
  const m = (len * (φt - φa)) / dφ;
  M[M_OUT] = m < 0 ? 0 : m > len ? len : m;
}
