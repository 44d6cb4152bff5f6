/**
 * Map tiles as Leaflet 1.9 asks for them: a tile's URL from the source's template, the tiles a
 * view shows, and which of them the source has. The PWA saves a route's tiles under these URLs
 * (web/lib/route-tiles.ts), and the server names the first screen's tiles with the page, so the
 * browser fetches them while the scripts load (api/static.ts); the map then finds them fetched.
 */
import { fromWgs84, type LngLat } from './crs';
import { CHINA_VIEW, FIRST_SCREEN } from './country-view';
import type { TileConfig } from './wire';

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Leaflet's Util.template placeholder. */
const PLACEHOLDER = /\{ *([\w_ -]+) *\}/g;

/**
 * A tile's URL exactly as Leaflet 1.9's TileLayer.getTileUrl builds it (the worker finds a saved
 * tile, and the map a preloaded one, under the URL the map asks for): `{s}` cycles the subdomains
 * by |x + y|, `{r}` is '@2x' on a high-density screen, `{-y}` is the TMS row. `base` resolves a
 * relative template.
 */
export function tileUrl(template: string, subdomains: string, z: number, x: number, y: number, o: { base?: string; retina?: boolean } = {}): string {
  const subs = subdomains || 'abc'; // the map passes no subdomains when empty: Leaflet's default
  const data: Record<string, string | number> = { r: o.retina ? '@2x' : '', s: subs[Math.abs(x + y) % subs.length], x, y, z, '-y': 2 ** z - 1 - y };
  const url = template.replace(PLACEHOLDER, (m, key: string) => {
    if (data[key] === undefined) throw new Error(`No value provided for variable ${m}`);
    return String(data[key]);
  });
  return o.base ? new URL(url, o.base).href : url;
}

/**
 * The tiles [x, y] at `z` the source has: all, or — as Leaflet's `bounds` option keeps them — those
 * overlapping its bounds, whose corners are shifted into the tiles' coordinate system as the map
 * shifts them.
 */
export function tilesInSource(t: TileConfig, z: number, tiles: [number, number][]): [number, number][] {
  if (!t.bounds) return tiles;
  const [a, b] = [fromWgs84([t.bounds[0], t.bounds[1]], t.crs), fromWgs84([t.bounds[2], t.bounds[3]], t.crs)];
  const [w, s, e, n] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  const scale = 2 ** z, lng = (x: number) => (x / scale) * 360 - 180;
  const lat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / scale))) * 180) / Math.PI;
  return tiles.filter(([x, y]) => lng(x + 1) > w && lng(x) < e && lat(y) > s && lat(y + 1) < n);
}

/** The zooms the source has tiles of, [lowest, highest]: beyond maxNativeZoom the map scales tiles up, below minZoom down. */
export const sourceZooms = (t: TileConfig): readonly [number, number] => [t.minZoom ?? 0, t.maxNativeZoom ?? t.maxZoom];

/** Leaflet's SphericalMercator.MAX_LATITUDE. */
const MAX_LATITUDE = 85.0511287798;
const TILE_PX = 256;

/**
 * The tiles a map of `width` × `height` CSS px shows first when centred on `center` (WGS-84) at
 * `zoom`, in the order Leaflet asks for them (nearest the centre first): the pixel box around the
 * centre as TileLayer._getTiledPixelBounds computes it, x wrapped around the world, within the
 * source. None when the source has no tiles at `zoom` (the map would scale another zoom's).
 */
export function viewTiles(t: TileConfig, center: LngLat, zoom: number, width: number, height: number): TileCoord[] {
  const [lo, hi] = sourceZooms(t);
  if (zoom < lo || zoom > hi) return [];
  const [lng, lat] = fromWgs84(center, t.crs);
  const size = TILE_PX * 2 ** zoom, n = 2 ** zoom;
  const sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
  const cx = Math.floor((lng / 360 + 0.5) * size);
  const cy = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size);
  const [x0, x1] = [Math.floor((cx - width / 2) / TILE_PX), Math.ceil((cx + width / 2) / TILE_PX) - 1];
  const [y0, y1] = [Math.floor((cy - height / 2) / TILE_PX), Math.ceil((cy + height / 2) / TILE_PX) - 1];
  const grid: [number, number][] = [];
  // rows beyond the poles are not valid tiles (GridLayer._isValidTile)
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (y >= 0 && y < n) grid.push([x, y]);
  // Leaflet's queue (GridLayer._update): row by row, then by distance from the range's centre (a stable sort)
  const [mx, my] = [(x0 + x1) / 2, (y0 + y1) / 2];
  grid.sort((p, q) => Math.hypot(p[0] - mx, p[1] - my) - Math.hypot(q[0] - mx, q[1] - my));
  const wrapped = grid.map(([x, y]): [number, number] => [((x % n) + n) % n, y]);
  return tilesInSource(t, zoom, wrapped).map(([x, y]) => ({ z: zoom, x, y }));
}

/** The tiles of the first screen of a first visit: the whole country (CHINA_VIEW) on a phone (FIRST_SCREEN). */
export const firstScreenTiles = (t: TileConfig): TileCoord[] =>
  viewTiles(t, [CHINA_VIEW.lng, CHINA_VIEW.lat], CHINA_VIEW.zoom, FIRST_SCREEN.width, FIRST_SCREEN.height);
