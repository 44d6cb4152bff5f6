// The tiles a view shows first (data/map-tiles.ts), checked against Leaflet 1.9's own GridLayer code
// run on a stand-in map of the view's size: which tiles, in which order, wrapped and within the source.
import type * as Leaflet from 'leaflet';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHINA_VIEW, FIRST_SCREEN } from '../../data/country-view';
import { fromWgs84, type LngLat } from '../../data/crs';
import { firstScreenTiles, viewTiles, type TileCoord } from '../../data/map-tiles';
import type { TileConfig } from '../../data/wire';

let L: typeof Leaflet;
beforeAll(async () => {
  // Leaflet reads the screen and the DOM when it loads, and nothing more for what is checked here
  vi.stubGlobal('window', globalThis);
  vi.stubGlobal('devicePixelRatio', 1);
  vi.stubGlobal('navigator', { userAgent: 'node', platform: '' });
  vi.stubGlobal('document', { documentElement: { style: {} }, createElement: () => ({ style: {} }) });
  L = ((await import('leaflet')) as unknown as { default: typeof Leaflet }).default;
});

const source = (over: Partial<TileConfig> = {}): TileConfig => ({
  url: '/tiles/{z}/{x}/{y}', subdomains: '', attribution: '', crs: 'wgs84', maxZoom: 19, allowPrefetch: false, ...over,
});

type Grid = Record<string, (...a: unknown[]) => unknown>;

/**
 * The tiles Leaflet's GridLayer queues for a map of `w` × `h` px at `center` (display coordinates):
 * its own _getTiledPixelBounds, _pxBoundsToTileRange, _isValidTile, _wrapCoords and queue order.
 */
function leafletTiles(center: LngLat, z: number, w: number, h: number): TileCoord[] {
  const crs = L.CRS.EPSG3857;
  const n = 2 ** z;
  const map = {
    _animatingZoom: false, getZoom: () => z, getZoomScale: () => 1, getSize: () => L.point(w, h),
    project: (ll: Leaflet.LatLng, zoom: number) => crs.latLngToPoint(ll, zoom), options: { crs },
  };
  const proto = L.GridLayer.prototype as unknown as Grid;
  const layer = {
    _map: map, _tileZoom: z, options: { tileSize: 256 }, getTileSize: () => L.point(256, 256),
    _globalTileRange: L.bounds([0, 0], [n - 1, n - 1]), _wrapX: [0, n], _wrapY: undefined,
  };
  const range = proto._pxBoundsToTileRange.call(layer, proto._getTiledPixelBounds.call(layer, L.latLng(center[1], center[0]))) as Leaflet.Bounds;
  const [min, max] = [range.min!, range.max!];
  const queue: Leaflet.Point[] = [];
  for (let y = min.y; y <= max.y; y++) {
    for (let x = min.x; x <= max.x; x++) {
      const c = Object.assign(L.point(x, y), { z });
      if (proto._isValidTile.call(layer, c)) queue.push(c);
    }
  }
  const mid = range.getCenter();
  queue.sort((a, b) => a.distanceTo(mid) - b.distanceTo(mid));
  return queue.map((c) => {
    const wrapped = proto._wrapCoords.call(layer, Object.assign(c, { z })) as Leaflet.Point;
    return { z, x: wrapped.x, y: wrapped.y };
  });
}

describe('viewTiles', () => {
  it("names the tiles Leaflet shows first, in the order it asks for them, over the world's zooms and screens", () => {
    const sizes = [[FIRST_SCREEN.width, FIRST_SCREEN.height], [390, 844], [412, 823], [1280, 800], [100, 100], [257, 1]];
    for (let k = 0; k < 400; k++) {
      const z = k % 19;
      const center: LngLat = [((k * 7919) % 36_000) / 100 - 180, ((k * 104_729) % 17_000) / 100 - 85];
      const [w, h] = sizes[k % sizes.length];
      expect(viewTiles(source(), center, z, w, h)).toEqual(leafletTiles(center, z, w, h));
    }
  });

  it('wraps columns across the antimeridian and names no rows beyond the poles', () => {
    // five columns from x = 1 (west of 179.9°E) to x = 4, which is x = 0 again east of 180°
    const across = viewTiles(source(), [179.9, 10], 2, 1024, 200).filter((t, _, all) => t.y === all[0].y);
    expect(across).toHaveLength(5);
    expect(new Set(across.map((t) => t.x))).toEqual(new Set([0, 1, 2, 3]));
    const polar = viewTiles(source(), [0, 84], 1, 256, 2048);
    expect(polar.length).toBeGreaterThan(0);
    expect(polar.every((t) => t.y >= 0 && t.y <= 1)).toBe(true);
  });

  it('starts from the position drawn on the tiles (GCJ-02 shifted), as the map centres it', () => {
    const nanjing: LngLat = [118.7969, 32.0603];
    for (let z = 14; z <= 18; z++) {
      expect(viewTiles(source({ crs: 'gcj02' }), nanjing, z, 390, 844)).toEqual(leafletTiles(fromWgs84(nanjing, 'gcj02'), z, 390, 844));
    }
    expect(viewTiles(source({ crs: 'gcj02' }), nanjing, 18, 390, 844)).not.toEqual(viewTiles(source(), nanjing, 18, 390, 844));
  });

  it("names nothing at a zoom the source lacks (the map scales another zoom's tiles) and nothing outside its bounds", () => {
    expect(viewTiles(source({ minZoom: 5 }), [108.5, 34.5], 4, 390, 844)).toEqual([]);
    expect(viewTiles(source({ maxNativeZoom: 3 }), [108.5, 34.5], 4, 390, 844)).toEqual([]);
    expect(viewTiles(source({ maxZoom: 3 }), [108.5, 34.5], 4, 390, 844)).toEqual([]);
    // a source of the east only: the western column is left out
    const all = viewTiles(source(), [108.5, 34.5], 4, 390, 844);
    const east = viewTiles(source({ bounds: [115, -80, 135, 80] }), [108.5, 34.5], 4, 390, 844);
    expect(east.length).toBeGreaterThan(0);
    expect(east).toEqual(all.filter((t) => t.x === 13));
  });
});

describe('firstScreenTiles', () => {
  it("is the whole country's view on a small phone: the tiles every phone held upright shows first", () => {
    const tiles = firstScreenTiles(source());
    expect(tiles).toEqual(leafletTiles([CHINA_VIEW.lng, CHINA_VIEW.lat], CHINA_VIEW.zoom, FIRST_SCREEN.width, FIRST_SCREEN.height));
    expect(tiles.map(({ z, x, y }) => `${z}/${x}/${y}`)).toEqual(['4/12/5', '4/13/5', '4/12/6', '4/13/6', '4/12/4', '4/13/4', '4/12/7', '4/13/7']);
    // a larger phone shows them all, and more
    const larger = new Set(leafletTiles([CHINA_VIEW.lng, CHINA_VIEW.lat], CHINA_VIEW.zoom, 412, 915).map(({ x, y }) => `${x}/${y}`));
    for (const { x, y } of tiles) expect(larger.has(`${x}/${y}`)).toBe(true);
  });
});
