import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Crs } from '../../data/catalog';
import { fromWgs84, toWgs84 } from '../../data/crs';
import { haversine } from '../../data/geo/haversine';

const dist = (a: [number, number], b: [number, number]) => haversine(a[0], a[1], b[0], b[1]);

describe('crs reference vectors', () => {
  // Published by wandergis/coordtransform (test/app.js) for (116.404, 39.915), Tiananmen, Beijing.
  it('WGS-84 → GCJ-02 matches the reference', () => {
    const [lng, lat] = fromWgs84([116.404, 39.915], 'gcj02');
    expect(lng).toBeCloseTo(116.41024449916938, 9);
    expect(lat).toBeCloseTo(39.91640428150164, 9);
  });

  it('BD-09 → WGS-84 goes through the reference GCJ-02 point', () => {
    // coordtransform: bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631]
    const viaGcj = toWgs84([116.39762729119315, 39.90865673957631], 'gcj02');
    expect(dist(toWgs84([116.404, 39.915], 'bd09'), viaGcj)).toBeLessThan(0.05);
  });

  it('GCJ-02 → BD-09 matches the reference', () => {
    // coordtransform: gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021]
    const gcjOfWgs = toWgs84([116.404, 39.915], 'gcj02'); // a WGS-84 point whose GCJ-02 is the input
    const bd = fromWgs84(gcjOfWgs, 'bd09');
    expect(dist(bd, [116.41036949371029, 39.92133699351021])).toBeLessThan(0.2); // the GCJ-02 inverse is iterative (≈0.1 m)
  });

  it('offsets have the known size in Beijing and Shanghai', () => {
    for (const p of [[116.397, 39.909], [121.4737, 31.2304]] as [number, number][]) {
      const gcj = fromWgs84(p, 'gcj02');
      const bd = fromWgs84(p, 'bd09');
      const d = dist(p, gcj);
      expect(d).toBeGreaterThan(100);
      expect(d).toBeLessThan(700);
      expect(bd[0] - gcj[0]).toBeGreaterThan(0.004); // BD-09 ≈ GCJ-02 + (0.0065, 0.006)
      expect(bd[0] - gcj[0]).toBeLessThan(0.009);
      expect(bd[1] - gcj[1]).toBeGreaterThan(0.004);
      expect(bd[1] - gcj[1]).toBeLessThan(0.008);
    }
  });

  it('WGS-84 is the identity and GCJ-02 is the identity outside China', () => {
    expect(toWgs84([116.404, 39.915], 'wgs84')).toEqual([116.404, 39.915]);
    expect(fromWgs84([2.3522, 48.8566], 'gcj02')).toEqual([2.3522, 48.8566]);
  });
});

describe('crs round trips', () => {
  const china = fc.tuple(
    fc.double({ min: 73.5, max: 134.7, noNaN: true }),
    fc.double({ min: 18.2, max: 53.5, noNaN: true }),
  );
  for (const crs of ['gcj02', 'bd09'] as Crs[]) {
    it(`WGS-84 → ${crs} → WGS-84 within 1 m anywhere in China`, () => {
      fc.assert(fc.property(china, (p) => dist(toWgs84(fromWgs84(p, crs), crs), p) < 1), { numRuns: 2000 });
    });
    it(`${crs} → WGS-84 → ${crs} within 1 m anywhere in China`, () => {
      fc.assert(fc.property(china, (p) => dist(fromWgs84(toWgs84(p, crs), crs), p) < 1), { numRuns: 2000 });
    });
  }
});
