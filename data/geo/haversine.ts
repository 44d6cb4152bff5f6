/**
 * Great-circle distance on a spherical Earth (haversine), in metres, and the small pieces the
 * kd-tree searches share with it: `h` (the haversine term) and cheap lower bounds for pruning.
 *
 * `haversine` is `havToMetres(h)` with h = cos φ1 · cos φ2 · hav(Δλ) + hav(Δφ); a search that
 * computes h with the same operations in the same order gets bit-identical distances.
 */

/** Mean Earth radius in metres (IUGG), the one radius every distance in Yizhan uses. */
export const EARTH_RADIUS_M = 6371008.8;

/** Degrees to radians factor. */
export const RAD = Math.PI / 180;

/** Haversine of an angle in radians: sin²(θ/2). */
export function hav(theta: number): number {
  const s = Math.sin(theta / 2);
  return s * s;
}

/** Great-circle distance in metres between two WGS-84 positions given as lng/lat degrees. */
export function haversine(lng1: number, lat1: number, lng2: number, lat2: number): number {
  return havToMetres(Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * hav((lng1 - lng2) * RAD) + hav((lat1 - lat2) * RAD));
}

/** Metres from the haversine term `h` (the last step of `haversine`, shared with the kd-tree search). */
export function havToMetres(h: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h < 1 ? h : 1));
}

/** The haversine term `h` of a distance in metres (inverse of the last step of `haversine`). */
export function metresToHav(m: number): number {
  return hav(Math.min(m / EARTH_RADIUS_M, Math.PI)); // no farther than the antipode
}

/** A lower bound of `hav(theta)` with no trigonometry (sin y ≥ y − y³/6), for pruning searches. */
export function havLower(theta: number): number {
  let a = Math.abs(theta);
  if (a > Math.PI) { // the shorter way round
    if (a > 2 * Math.PI) a %= 2 * Math.PI;
    if (a > Math.PI) a = 2 * Math.PI - a;
  }
  const y = a < 2.8 ? a / 2 : 1.4; // y − y³/6 grows up to y = √2
  const s = y - (y * y * y) / 6;
  return s * s * (1 - 1e-9); // slack for rounding: never above the computed hav
}

/** A lower bound of `cos(theta)` with no trigonometry (Taylor series cut after a negative term). */
export function cosLower(theta: number): number {
  const a2 = theta * theta;
  return a2 < 2.25 ? (1 - (a2 / 2) * (1 - (a2 / 12) * (1 - a2 / 30))) * (1 - 1e-9) : 0;
}

/**
 * Cheap lower bound of `h` from a position to any point of a box: no trigonometry per node. A box
 * may reach a little past ±180° (padded for rounding): a position inside it once taken round the
 * globe is inside it.
 */
export function boxLower(
  lng: number, lat: number, cosLat: number, minLng: number, minLat: number, maxLng: number, maxLat: number,
): number {
  const dLat = havLower((lat < minLat ? minLat - lat : lat > maxLat ? lat - maxLat : 0) * RAD);
  if ((lng >= minLng && lng <= maxLng) || (lng + 360 >= minLng && lng + 360 <= maxLng) || (lng - 360 >= minLng && lng - 360 <= maxLng)) return dLat;
  const cosBox = cosLower(Math.max(Math.abs(minLat), Math.abs(maxLat)) * RAD); // cos falls with |lat|
  const dLng = Math.min(havLower((lng - minLng) * RAD), havLower((lng - maxLng) * RAD));
  return (dLat + cosLat * cosBox * dLng) * (1 - 1e-9);
}
