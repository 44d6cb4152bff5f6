/**
 * The region of a regional offline copy: the box around a person that a phone downloads first
 * (instead of the whole country), how the server chooses it, and how later deltas — always for the
 * whole country — are clipped to it. A record that moves out of the region is dropped like a
 * deletion; one that moves in is kept; the whole-country download replaces the regional copy.
 */
import { EARTH_RADIUS_M } from './geo/haversine';

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
  radii: [300_000, 200_000, 150_000, 100_000, 60_000, 30_000], // metres, largest first
  maxRecords: 10_000, // ≈ a province; the budget is ≤ 400 KB compressed for 10 k stations
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

/**
 * The region around a point: the largest radius whose box holds at most `maxRecords` records
 * (`count` counts them), else the smallest radius. The centre is snapped to the grid first, so the
 * answer (and the server's cached body) is the same for everyone in one grid cell.
 */
export function chooseRegion(lng: number, lat: number, count: (b: Box) => number, o = REGION_DEFAULTS): Omit<SyncRegion, 'province'> {
  const half = o.grid / 2;
  const center: [number, number] = [Math.floor(lng / o.grid) * o.grid + half, Math.floor(lat / o.grid) * o.grid + half];
  let pick = o.radii[o.radii.length - 1];
  for (const r of o.radii) {
    if (count(boxAround(center[0], center[1], r + half * M_PER_DEG, o.grid)) <= o.maxRecords) {
      pick = r;
      break;
    }
  }
  // the box reaches `pick` from anywhere in the centre's cell: the person is never near its edge
  return { bbox: boxAround(center[0], center[1], pick + half * M_PER_DEG, o.grid), center, radius: pick };
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
