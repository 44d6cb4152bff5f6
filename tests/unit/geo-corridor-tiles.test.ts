import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corridorTileCounts, corridorTiles } from '../../data/geo/corridor-tiles';
import { haversine } from '../../data/geo/haversine';

type Pos = [number, number];

/** The slippy-map tile holding a position. */
function tileOf([lng, lat]: Pos, z: number): Pos {
  const n = 2 ** z, φ = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n)];
}

/** A position `m` metres from `p` towards bearing `deg` (small distances). */
function offset([lng, lat]: Pos, m: number, deg: number): Pos {
  const b = (deg * Math.PI) / 180, dLat = (m * Math.cos(b)) / 111_195, dLng = (m * Math.sin(b)) / (111_195 * Math.cos((lat * Math.PI) / 180));
  return [lng + dLng, lat + dLat];
}

describe('corridorTiles', () => {
  it('covers every position within the width of the route, and lists each tile once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 110, max: 112, noNaN: true }), fc.double({ min: 30, max: 32, noNaN: true })), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 6, max: 13 }),
        fc.double({ min: 100, max: 20_000, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })), { maxLength: 30 }),
        (line, z, width, probes) => {
          const tiles = corridorTiles(line, width, z);
          const keys = new Set(tiles.map(([x, y]) => `${x}/${y}`));
          expect(keys.size).toBe(tiles.length);
          for (const [where, how, bearing] of probes) { // a position on a leg, then up to the width off it
            const s = Math.min(Math.floor(where * (line.length - 1)), Math.max(0, line.length - 2)), a = line[s], b = line[Math.min(s + 1, line.length - 1)];
            const on: Pos = [a[0] + how * (b[0] - a[0]), a[1] + how * (b[1] - a[1])];
            const p = offset(on, width * 0.999 * where, bearing);
            expect(keys.has(tileOf(p, z).join('/'))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps no tile far from the route', () => {
    const line: Pos[] = [[116.4, 39.9], [117.2, 39.1], [117, 36.6]];
    for (const [x, y] of corridorTiles(line, 10_000, 12)) {
      const n = 2 ** 12, lng = (x / n) * 360 - 180, lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
      const corner: Pos = [lng + 360 / n / 2, lat]; // near the tile centre (within half a tile)
      const d = Math.min(...line.map((v) => haversine(corner[0], corner[1], v[0], v[1])), ...[0.25, 0.5, 0.75].flatMap((f) =>
        [0, 1].map((k) => haversine(corner[0], corner[1], line[k][0] + f * (line[k + 1][0] - line[k][0]), line[k][1] + f * (line[k + 1][1] - line[k][1])))));
      expect(d).toBeLessThan(200_000); // sanity: on the way, not elsewhere in China
    }
  });

  it('counts tiles per zoom with a size estimate', () => {
    const counts = corridorTileCounts([[116.4, 39.9], [121.47, 31.23]], 10_000, 8, 10, 20_000);
    expect(counts.map((c) => c.zoom)).toEqual([8, 9, 10]);
    for (const c of counts) expect(c.bytes).toBe(c.tiles * 20_000);
    expect(counts[2].tiles).toBeGreaterThan(counts[0].tiles);
  });
});
