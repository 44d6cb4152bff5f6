/**
 * The region of a regional offline copy: the box around a person that a phone downloads first
 * (instead of the whole country), how the server chooses it, and how later deltas — always for the
 * whole country — are clipped to it. A record that moves out of the region is dropped like a
 * deletion; one that moves in is kept; the whole-country download replaces the regional copy.
 */
import { EARTH_RADIUS_M, haversine } from './geo/haversine';

/** [minLng, minLat, maxLng, maxLat], WGS-84 degrees. */
export type Box = [number, number, number, number];

/** What a regional snapshot covers (sent by /api/sync, kept with the offline copy). */
export interface SyncRegion {
  bbox: Box;
  /** [lng, lat] the region was chosen around */
  center: [number, number];
  /** metres from the centre to the box's nearest edge (at least) */
  radius: number;
  /** the province of the station nearest the centre, for "江苏省及周边 300 公里" */
  province?: string;
}

export const REGION_DEFAULTS = {
  // metres, largest first: a province and its neighbours where stations are sparse, a city's
  // centre where they are dense (the 400 k synthetic set holds 30 k records within 30 km of Shanghai)
  radii: [300_000, 200_000, 150_000, 100_000, 70_000, 50_000, 35_000, 25_000, 15_000, 10_000, 5_000],
  maxRecords: 8_000, // stations + merchants (heavier: offers); 400 k synthetic: 8 k records ≈ 300 KB brotli, ≤ 400 KB gzip
  grid: 0.5, // degrees: boxes snap outward to this grid, so nearby people share one cached body
};

const EARTH_RADIUS = EARTH_RADIUS_M;
const M_PER_DEG = (EARTH_RADIUS * Math.PI) / 180; // metres per degree of latitude

/** The box reaching `radius` metres from a point in every direction, snapped outward to the grid. */
export function boxAround(lng: number, lat: number, radius: number, grid = REGION_DEFAULTS.grid): Box {
  const dLat = radius / M_PER_DEG;
  // the nearest point of a meridian Δλ away is at distance d with sin(d/R) = cos(lat)·sin(Δλ)
  const s = Math.sin(radius / EARTH_RADIUS) / Math.cos((lat * Math.PI) / 180);
  const dLng = s >= 1 ? 180 : (Math.asin(s) * 180) / Math.PI;
  const down = (x: number) => Math.floor(x / grid) * grid;
  const up = (x: number) => Math.ceil(x / grid) * grid;
  return [Math.max(-180, down(lng - dLng)), Math.max(-90, down(lat - dLat)), Math.min(180, up(lng + dLng)), Math.min(90, up(lat + dLat))];
}

/** Whether a position lies in the box (edges included). */
export const inBox = (b: Box, lng: number, lat: number) => lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3];

/** The grid a region of this radius snaps to: coarse for wide regions, fine for a dense city's few kilometres. */
export const gridFor = (radius: number, o = REGION_DEFAULTS) => (radius >= 100_000 ? o.grid : radius >= 25_000 ? o.grid / 5 : o.grid / 10);

/**
 * The region around a point: the largest radius whose box holds at most `maxRecords` records
 * (`count` counts them), else the smallest radius. The centre is snapped to the radius's grid
 * first, so the answer (and the server's cached body) is the same for everyone in one grid cell.
 */
export function chooseRegion(lng: number, lat: number, count: (b: Box) => number, o = REGION_DEFAULTS): Omit<SyncRegion, 'province'> {
  const at = (radius: number) => {
    const grid = gridFor(radius, o);
    const half = grid / 2;
    const center: [number, number] = [Math.floor(lng / grid) * grid + half, Math.floor(lat / grid) * grid + half];
    // the box reaches `radius` from anywhere in the centre's cell: the person is never near its edge
    return { bbox: boxAround(center[0], center[1], radius + half * M_PER_DEG, grid), center, radius };
  };
  for (const r of o.radii) {
    const region = at(r);
    if (count(region.bbox) <= o.maxRecords) return region;
  }
  return at(o.radii[o.radii.length - 1]);
}

/** Records of a kind, with ids and positions. */
interface Placed {
  id: string;
  lng: number;
  lat: number;
}

/**
 * A whole-country delta clipped to a region: upserts inside are kept, upserts outside become
 * deletions (the record may have moved out; deleting an id the copy never had is harmless).
 */
export function clipDelta<T extends Placed>(region: Box, upserts: readonly T[], deleted: readonly string[]): { upserts: T[]; deleted: string[] } {
  const keep: T[] = [];
  const gone = [...deleted];
  for (const r of upserts) {
    if (inBox(region, r.lng, r.lat)) keep.push(r);
    else gone.push(r.id);
  }
  return { upserts: keep, deleted: gone };
}

/** Counts positions (as columns) inside a box: the server's listings count a candidate region with it. */
export function countInBox(b: Box, lng: ArrayLike<number>, lat: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < lng.length; i++) if (lng[i] >= b[0] && lng[i] <= b[2] && lat[i] >= b[1] && lat[i] <= b[3]) n++;
  return n;
}

/**
 * Metres from a point inside the box to its nearest edge (0 outside): a lower bound of the distance
 * to any place outside it, so an answer reaching less far than this is the whole country's answer.
 */
export function edgeDistance(b: Box, lng: number, lat: number): number {
  if (!inBox(b, lng, lat)) return 0;
  // to a parallel: along the meridian; to a meridian: the great circle meeting it at a right angle
  const toMeridian = (m: number) => EARTH_RADIUS_M * Math.asin(Math.min(1, Math.cos((lat * Math.PI) / 180) * Math.abs(Math.sin(((lng - m) * Math.PI) / 180))));
  return Math.min(haversine(lng, lat, lng, b[1]), haversine(lng, lat, lng, b[3]), toMeridian(b[0]), toMeridian(b[2]));
}

/** Whether box `inner` lies within `outer`. */
export const boxWithin = (inner: Box, outer: Box) => inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
