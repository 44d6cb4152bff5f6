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

/** 1 / |AB|² in the Mercator plane (0 when A = B): what `footAt` takes, kept per segment by a prepared route. */
export function inverseLength2(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  return len2 === 0 ? 0 : 1 / len2;
}

/** `footT` given AB's `inverseLength2` (a product where a quotient costs more), to the bit. */
export function footAt(ax: number, ay: number, bx: number, by: number, inv: number, px: number, py: number): number {
  const t = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) * inv;
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/**
 * Haversine metres from P (λ and φ in radians, cos φ) to the point at t of segment AB (Mercator
 * x, y): the point is found first, then measured (`offsetTo`); at t = 0 or 1 it is the vertex
 * itself, so that the two segments meeting there give the same metres to the bit (a nearest
 * search measures a vertex once).
 */
export function offsetAt(ax: number, ay: number, bx: number, by: number, t: number, λ: number, φ: number, cosφ: number): number {
  return t === 0 ? offsetTo(ax, ay, λ, φ, cosφ) : t === 1 ? offsetTo(bx, by, λ, φ, cosφ) : offsetTo(ax + t * (bx - ax), ay + t * (by - ay), λ, φ, cosφ);
}

/**
 * Haversine metres from P to Q (Mercator x, y). cos φQ comes from the same exp as φQ (cos φ =
 * sech y): one exp, one atan, two sines. Leaves φQ in `footLat.φ` for the metres along.
 */
function offsetTo(xq: number, yq: number, λ: number, φ: number, cosφ: number): number {
  const e = Math.exp(yq);
  const φq = 2 * Math.atan(e) - Math.PI / 2, cosq = (2 * e) / (1 + e * e);
  footLat.φ = φq;
  return offsetFrom(xq, φq, cosq, λ, φ, cosφ);
}

/**
 * Haversine metres from P to Q given Q's λ, φ and cos φ as `offsetTo` derives them from its y
 * (`mercLat`): a route's vertices are measured often, so their φ and cos φ are derived once.
 */
export function offsetFrom(xq: number, φq: number, cosq: number, λ: number, φ: number, cosφ: number): number {
  const sφ = Math.sin((φ - φq) / 2), sλ = Math.sin((λ - xq) / 2);
  const h = sφ * sφ + cosφ * cosq * sλ * sλ;
  return 2 * EARTH_RADIUS_M * arcsin(Math.sqrt(h < 1 ? h : 1));
}

/**
 * asin x: for x < 0.01 (a chord under 127 km) by its series to x⁹, whose remainder (< 3e-22 of x)
 * is far below a double's rounding (within an ulp of Math.asin), and faster; beyond, Math.asin.
 */
function arcsin(x: number): number {
  if (!(x < 0.01)) return Math.asin(x);
  const x2 = x * x;
  return x + x * x2 * (1 / 6 + x2 * (3 / 40 + x2 * (5 / 112 + x2 * (35 / 1152))));
}

/** φ (radians) and cos φ of Mercator y, bit for bit as `offsetTo` derives them, into out[2k] and out[2k + 1]. */
export function mercLat(y: number, out: Float64Array, k: number): void {
  const e = Math.exp(y);
  out[2 * k] = 2 * Math.atan(e) - Math.PI / 2;
  out[2 * k + 1] = (2 * e) / (1 + e * e);
}

/** The latitude (radians) of the last point `offsetTo` measured to: `latOfY` of its y, bit for bit. */
export const footLat = { φ: 0 };

/** Metres of the rhumb line from A to B (Mercator x, y; φ in radians). */
export function rhumbLength(ax: number, ay: number, φa: number, bx: number, by: number, φb: number): number {
  const dφ = φb - φa, dy = by - ay, dx = bx - ax;
  const q = Math.abs(dy) > 1e-12 ? dφ / dy : Math.cos(φa); // dφ/dy along the line: cos φ
  return EARTH_RADIUS_M * Math.sqrt(dφ * dφ + q * q * dx * dx);
}

/**
 * Metres from A to the point at t of segment AB, `len` metres long: a rhumb line's length grows
 * in step with its latitude (along a parallel, with its longitude). `φt`, when known, is that
 * point's latitude (`latOfY` of its y, as `offsetTo` leaves it).
 */
export function alongSegment(len: number, ay: number, φa: number, by: number, φb: number, t: number, φt?: number): number {
  if (t === 0 || t === 1) return t * len;
  const dφ = φb - φa;
  if (Math.abs(dφ) <= 1e-9) return t * len;
  const m = (len * ((φt ?? latOfY(ay + t * (by - ay))) - φa)) / dφ;
  return m < 0 ? 0 : m > len ? len : m;
}
