// The region of a regional offline copy (data/sync-region.ts), against brute force.
import { describe, expect, it } from 'vitest';
import { haversine } from '../../data/geo/haversine';
import { Random } from '../../data/demo/random';
import { boxAround, chooseRegion, clipDelta, countInBox, inBox, REGION_DEFAULTS, type Box } from '../../data/sync-region';

const rnd = new Random(11);
const within = (a: number, b: number) => a + rnd.next() * (b - a);

describe('boxAround', () => {
  it('reaches the radius in every direction, on the grid, across China', () => {
    for (let k = 0; k < 500; k++) {
      const [lng, lat, r] = [within(73, 135), within(18, 53), within(10_000, 400_000)];
      const b = boxAround(lng, lat, r);
      for (const x of b) expect(Math.abs(x / REGION_DEFAULTS.grid - Math.round(x / REGION_DEFAULTS.grid))).toBeLessThan(1e-9);
      // the nearest point of each edge is at least r away (great-circle)
      expect(haversine(lng, lat, lng, b[1])).toBeGreaterThanOrEqual(r * 0.999);
      expect(haversine(lng, lat, lng, b[3])).toBeGreaterThanOrEqual(r * 0.999);
      for (let t = 0; t <= 1; t += 0.05) {
        const y = b[1] + t * (b[3] - b[1]);
        expect(haversine(lng, lat, b[0], y)).toBeGreaterThanOrEqual(r * 0.999);
        expect(haversine(lng, lat, b[2], y)).toBeGreaterThanOrEqual(r * 0.999);
      }
    }
  });
});

describe('chooseRegion', () => {
  const pts = { lng: Float64Array.from({ length: 20_000 }, () => within(110, 125)), lat: Float64Array.from({ length: 20_000 }, () => within(25, 40)) };
  const count = (b: Box) => countInBox(b, pts.lng, pts.lat);

  it('takes the largest radius holding at most maxRecords, the same for everyone in a grid cell', () => {
    const o = { ...REGION_DEFAULTS, maxRecords: 2000 };
    const a = chooseRegion(118.71, 32.01, count, o);
    const b = chooseRegion(118.99, 32.49, count, o);
    expect(b).toEqual(a);
    const i = o.radii.indexOf(a.radius);
    expect(count(a.bbox)).toBeLessThanOrEqual(2000);
    if (i > 0) expect(count(chooseRegion(118.71, 32.01, count, { ...o, radii: [o.radii[i - 1]] }).bbox)).toBeGreaterThan(2000);
    // the person, anywhere in the cell, is at least `radius` from every edge
    for (const [x, y] of [[118.71, 32.01], [118.99, 32.49]]) {
      expect(haversine(x, y, x, a.bbox[1])).toBeGreaterThanOrEqual(a.radius);
      expect(haversine(x, y, a.bbox[2], y)).toBeGreaterThanOrEqual(a.radius);
    }
  });

  it('takes 300 km where there are few records, the smallest radius where there are too many', () => {
    expect(chooseRegion(90, 40, count).radius).toBe(300_000);
    expect(chooseRegion(118, 32, count, { ...REGION_DEFAULTS, maxRecords: 1 }).radius).toBe(5_000);
  });

  it('countInBox equals a brute-force count', () => {
    const b: Box = [115, 30, 118.5, 33];
    let n = 0;
    for (let i = 0; i < pts.lng.length; i++) if (inBox(b, pts.lng[i], pts.lat[i])) n++;
    expect(countInBox(b, pts.lng, pts.lat)).toBe(n);
  });
});

describe('clipDelta', () => {
  it('keeps upserts inside, turns those outside (moved out, or never in the region) into deletions', () => {
    const region: Box = [118, 31, 120, 33];
    const r = clipDelta(region, [{ id: 'in', lng: 119, lat: 32 }, { id: 'moved-out', lng: 103.8, lat: 36 }, { id: 'edge', lng: 120, lat: 33 }], ['gone']);
    expect(r.upserts.map((x) => x.id)).toEqual(['in', 'edge']);
    expect(r.deleted).toEqual(['gone', 'moved-out']);
  });
});

describe('edgeDistance', () => {
  it('is at most the distance to any point outside the box (brute force over its edges)', async () => {
    const { edgeDistance } = await import('../../data/sync-region');
    for (let k = 0; k < 200; k++) {
      const b: Box = [within(80, 120), within(20, 40), 0, 0];
      b[2] = b[0] + within(0.5, 10);
      b[3] = b[1] + within(0.5, 10);
      const [lng, lat] = [within(b[0], b[2]), within(b[1], b[3])];
      const d = edgeDistance(b, lng, lat);
      let nearest = Infinity;
      for (let t = 0; t <= 1; t += 0.002) {
        const x = b[0] + t * (b[2] - b[0]);
        const y = b[1] + t * (b[3] - b[1]);
        nearest = Math.min(nearest, haversine(lng, lat, x, b[1]), haversine(lng, lat, x, b[3]), haversine(lng, lat, b[0], y), haversine(lng, lat, b[2], y));
      }
      expect(d).toBeLessThanOrEqual(nearest + 1e-6);
    }
    expect(edgeDistance([0, 0, 1, 1], 2, 2)).toBe(0);
    // not needlessly small: from the middle of a box 2° tall and wide at 32° N, the nearer meridian (≈ 94 km)
    expect(edgeDistance([117, 31, 119, 33], 118, 32)).toBeGreaterThan(0.99 * haversine(118, 32, 119, 32));
  });
});
