/**
 * The map tiles a route corridor touches, for "save for offline": which tiles to fetch at each
 * zoom and what that costs before starting. Tiles are Web Mercator squares, so the cover is
 * computed in the Mercator plane: a tile is kept when it comes within the corridor's reach of a
 * segment, the reach being the width stretched by Mercator at the segment's far latitude — a
 * cover of every point within the width (never fewer tiles than needed, a few more at most).
 */
import { EARTH_RADIUS_M, RAD } from './haversine';
import { mercY } from './corridor-segment';
import type { Line } from './corridor-route';

/** Assumed average size of a 256 px raster tile in bytes (street maps run 10–25 KB; 15 KB is typical). */
export const AVERAGE_TILE_BYTES = 15_000;

export interface TileCount {
  zoom: number;
  tiles: number;
  /** tiles × the average tile size */
  bytes: number;
}

/** Tiles [x, y] at `zoom` that the corridor `widthM` metres around the line touches, in route order. */
export function corridorTiles(line: Line, widthM: number, zoom: number): [number, number][] {
  const scale = 2 ** zoom, reach = widthM / EARTH_RADIUS_M;
  const seen = new Set<number>(), out: [number, number][] = [];
  const u = (k: number) => ((+line[k][0] * RAD + Math.PI) / (2 * Math.PI)) * scale; // tile units
  const v = (k: number) => ((Math.PI - mercY(+line[k][1])) / (2 * Math.PI)) * scale;
  const segments = line.length > 1 ? line.length - 1 : line.length; // one position: a circle
  for (let k = 0; k < segments; k++) {
    const j = Math.min(k + 1, line.length - 1);
    const ax = u(k), ay = v(k), bx = u(j), by = v(j);
    const far = Math.max(Math.abs(+line[k][1]), Math.abs(+line[j][1])) * RAD + reach;
    const r = far >= Math.PI / 2 ? scale : ((reach / Math.cos(far)) / (2 * Math.PI)) * scale * (1 + 1e-9);
    const x0 = clamp(Math.floor(Math.min(ax, bx) - r), scale), x1 = clamp(Math.floor(Math.max(ax, bx) + r), scale);
    const y0 = clamp(Math.floor(Math.min(ay, by) - r), scale), y1 = clamp(Math.floor(Math.max(ay, by) + r), scale);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const key = x * scale + y;
        if (seen.has(key) || rectSegmentDistance(x, y, x + 1, y + 1, ax, ay, bx, by) > r) continue;
        seen.add(key);
        out.push([x, y]);
      }
    }
  }
  return out;
}

/** Tile counts and estimated bytes per zoom from `minZoom` to `maxZoom`, inclusive. */
export function corridorTileCounts(
  line: Line, widthM: number, minZoom: number, maxZoom: number, tileBytes = AVERAGE_TILE_BYTES,
): TileCount[] {
  const counts: TileCount[] = [];
  for (let zoom = minZoom; zoom <= maxZoom; zoom++) {
    const tiles = corridorTiles(line, widthM, zoom).length;
    counts.push({ zoom, tiles, bytes: tiles * tileBytes });
  }
  return counts;
}

const clamp = (i: number, scale: number) => (i < 0 ? 0 : i >= scale ? scale - 1 : i);

/** Planar distance from a rectangle to segment AB (0 when they meet). */
function rectSegmentDistance(
  minX: number, minY: number, maxX: number, maxY: number, ax: number, ay: number, bx: number, by: number,
): number {
  if (clips(minX, minY, maxX, maxY, ax, ay, bx, by)) return 0;
  let d = Math.min(pointRect(ax, ay, minX, minY, maxX, maxY), pointRect(bx, by, minX, minY, maxX, maxY));
  for (const [cx, cy] of [[minX, minY], [maxX, minY], [minX, maxY], [maxX, maxY]]) d = Math.min(d, pointSegment(cx, cy, ax, ay, bx, by));
  return d;
}

function pointRect(x: number, y: number, minX: number, minY: number, maxX: number, maxY: number): number {
  const dx = Math.max(minX - x, 0, x - maxX), dy = Math.max(minY - y, 0, y - maxY);
  return Math.sqrt(dx * dx + dy * dy);
}

function pointSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const ex = ax + t * dx - px, ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** Whether segment AB meets the rectangle (Liang–Barsky clipping). */
function clips(minX: number, minY: number, maxX: number, maxY: number, ax: number, ay: number, bx: number, by: number): boolean {
  let t0 = 0, t1 = 1;
  const dx = bx - ax, dy = by - ay;
  for (const [p, q] of [[-dx, ax - minX], [dx, maxX - ax], [-dy, ay - minY], [dy, maxY - ay]]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}
