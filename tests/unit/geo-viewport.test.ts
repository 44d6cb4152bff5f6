import fc from 'fast-check';
import type { Feature, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createNearestIndex } from '../../data/geo/nearest';
import { createViewportIndex, type BBox, type ViewportFilter, type ViewportPoint } from '../../data/geo/viewport';

const china = { lng: fc.double({ min: 73, max: 135, noNaN: true }), lat: fc.double({ min: 18, max: 54, noNaN: true }) };
const position = fc.record(china);
// some points share positions, some crowd one small area, the rest lie anywhere in the box
const pointsArb = fc
  .tuple(fc.array(position, { minLength: 1, maxLength: 3 }), position)
  .chain(([shared, city]) =>
    fc.array(
      fc.oneof(
        fc.constantFrom(...shared),
        fc.tuple(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }))
          .map(([x, y]) => ({ lng: city.lng + x, lat: city.lat + y })),
        position,
      ),
      { maxLength: 300 },
    ),
  );
const filterArb = fc.option(
  fc.integer({ min: 2, max: 5 }).map((k): ViewportFilter => ({ key: `mod${k}`, test: (i) => i % k !== 0 })),
  { nil: undefined },
);

const weight = (f: Feature<Point>) => (f.properties?.cluster ? (f.properties.point_count as number) : 1);
const indexOf = (f: Feature<Point>) => f.properties?.i as number;
const inBox = (p: ViewportPoint, [w, s, e, n]: BBox) => p.lng >= w && p.lng <= e && p.lat >= s && p.lat <= n;
const passing = (points: ViewportPoint[], filter?: ViewportFilter) =>
  points.map((_, i) => i).filter((i) => !filter?.test || filter.test(i));

describe('createViewportIndex', () => {
  it('conserves the count over the whole world at every zoom', () => {
    fc.assert(
      fc.property(
        pointsArb, filterArb, fc.integer({ min: 0, max: 22 }),
        fc.record({ fewPoints: fc.integer({ min: 0, max: 100 }), pointZoom: fc.integer({ min: 1, max: 18 }) }),
        (points, filter, zoom, options) => {
          const index = createViewportIndex(points, options);
          for (const bbox of [[-180, -90, 180, 90], [-540, -100, 540, 100]] as BBox[]) {
            const features = index.query(bbox, zoom, filter).features;
            expect(features.reduce((sum, f) => sum + weight(f), 0)).toBe(passing(points, filter).length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('lists exactly the points in the bbox, edges included, at high zoom', () => {
    const caseArb = pointsArb.filter((p) => p.length > 0).chain((points) =>
      fc.tuple(
        fc.constant(points),
        filterArb,
        // edges often fall exactly on points' coordinates
        fc.array(fc.oneof(fc.constantFrom(...points), position), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 14, max: 20 }),
      ));
    fc.assert(
      fc.property(caseArb, ([points, filter, [a, b], zoom]) => {
        const bbox: BBox = [Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat)];
        const index = createViewportIndex(points, { maxViewport: 1e12, maxPoints: Infinity });
        const features = index.query(bbox, zoom, filter).features;
        const want = passing(points, filter).filter((i) => inBox(points[i], bbox));
        expect(features.map(indexOf)).toEqual(want);
        // the same from the tree of all points a nearest index keeps (as a listing shares it)
        const nearest = createNearestIndex(points.map((p) => ({ ...p, all: 0, any: 0, is24h: false })));
        const shared = createViewportIndex(points, { maxViewport: 1e12, maxPoints: Infinity, allPoints: nearest.allPoints });
        expect(shared.query(bbox, zoom, filter).features).toEqual(features);
        features.forEach((f, k) => {
          const p = points[want[k]];
          expect(f.geometry.coordinates).toEqual([Math.round(p.lng * 1e6) / 1e6, Math.round(p.lat * 1e6) / 1e6]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('answers alike from the tree of all points a nearest index keeps, past 65,536 points (32-bit tree ids)', () => {
    const points = Array.from({ length: 70_000 }, (_, i) => ({ lng: 118.5 + ((i * 7919) % 1000) * 1e-3, lat: 31.5 + ((i * 104_729) % 1000) * 1e-3 }));
    const nearest = createNearestIndex(points.map((p) => ({ ...p, all: 0, any: 0, is24h: false })));
    const own = createViewportIndex(points, { maxViewport: 1e12 });
    const shared = createViewportIndex(points, { maxViewport: 1e12, allPoints: nearest.allPoints });
    for (const [bbox, zoom] of [[[118.9, 31.9, 118.903, 31.902], 17], [[118.5, 31.5, 118.51, 31.51], 14], [[118, 31, 120, 33], 9]] as [BBox, number][]) {
      const features = own.query(bbox, zoom).features;
      expect(features.length).toBeGreaterThan(0);
      expect(shared.query(bbox, zoom).features).toEqual(features);
    }
  });

  it('returns clusters with supercluster properties at low zoom, coordinates to 6 decimals', () => {
    const points = Array.from({ length: 2000 }, (_, i) => ({ lng: 116 + (i % 50) * 0.01, lat: 39 + Math.floor(i / 50) * 0.01 }));
    const features = createViewportIndex(points).query([73, 18, 135, 54], 5).features;
    const clusters = features.filter((f) => f.properties?.cluster);
    expect(clusters.length).toBeGreaterThan(0);
    for (const f of clusters) {
      expect(Object.keys(f.properties ?? {}).sort()).toEqual(['cluster', 'cluster_id', 'point_count', 'point_count_abbreviated']);
    }
    for (const f of features) for (const c of f.geometry.coordinates) expect(Math.round(c * 1e6) / 1e6).toBe(c);
    expect(features.reduce((sum, f) => sum + weight(f), 0)).toBe(2000);
  });

  it('answers a crowded high-zoom bbox with clusters, never with more than maxPoints points', () => {
    const points = Array.from({ length: 3000 }, (_, i) => ({ lng: 121.47 + (i % 60) * 1e-4, lat: 31.23 + Math.floor(i / 60) * 1e-4 }));
    const features = createViewportIndex(points, { maxPoints: 100 }).query([121.46, 31.22, 121.48, 31.24], 15).features;
    expect(features.some((f) => f.properties?.cluster)).toBe(true);
    expect(features.reduce((sum, f) => sum + weight(f), 0)).toBe(3000);
  });

  it('answers a bbox with too many clusters a zoom lower', () => {
    const points = Array.from({ length: 2500 }, (_, i) => ({ lng: 100 + (i % 50) * 0.02, lat: 30 + Math.floor(i / 50) * 0.02 }));
    const index = createViewportIndex(points, { maxClusters: 20, maxViewport: 1e12 });
    const features = index.query([99, 29, 102, 32], 12).features;
    expect(features.length).toBeLessThanOrEqual(20);
    expect(features.reduce((sum, f) => sum + weight(f), 0)).toBe(2500);
  });

  it('splits bboxes that cross the antimeridian', () => {
    const points = [{ lng: 179.5, lat: 0 }, { lng: -179.5, lat: 0 }, { lng: 0, lat: 0 }, { lng: 180, lat: 1 }];
    const index = createViewportIndex(points, { maxViewport: 1e12 });
    expect(index.query([179, -2, -179, 2], 16).features.map(indexOf).sort()).toEqual([0, 1, 3]);
    expect(index.query([179, -2, 181, 2], 16).features.map(indexOf).sort()).toEqual([0, 1, 3]);
  });

  it('never throws on degenerate input', () => {
    const index = createViewportIndex([{ lng: 116.4, lat: 39.9 }, { lng: 121.5, lat: 31.2 }]);
    const bad: [BBox, number][] = [
      [[Number.NaN, 0, 1, 1], 5], [[0, 10, 1, 5], 5], [[0, 95, 10, 100], 3], [[116.4, 39.9, 116.4, 39.9], 18],
      [[-1e9, -1e9, 1e9, 1e9], 1e9], [[73, 18, 135, 54], Number.NaN], [[73, 18, 135, 54], -4],
      [null as unknown as BBox, 3], [[73, 18] as unknown as BBox, 3],
    ];
    for (const [bbox, zoom] of bad) {
      const fcol = index.query(bbox, zoom);
      expect(fcol.type).toBe('FeatureCollection');
      expect(fcol.features.reduce((sum, f) => sum + weight(f), 0)).toBeLessThanOrEqual(2);
    }
    expect(index.query([116.4, 39.9, 116.4, 39.9], 18).features.map(indexOf)).toEqual([0]);
    expect(createViewportIndex([]).query([-180, -90, 180, 90], 0).features).toEqual([]);
  });

  it('builds on demand and keeps the last cacheSize filtered indexes', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ lng: 100 + i * 0.1, lat: 30 }));
    const index = createViewportIndex(points, { cacheSize: 2 });
    const filter = (k: number): ViewportFilter => ({ key: `k${k}`, test: (i) => i % k === 0 });
    expect(index.isBuilt()).toBe(false);
    index.build();
    expect(index.isBuilt()).toBe(true);
    expect(index.isBuilt({ key: 'no test' })).toBe(true); // a filter without a test is no filter
    index.build(filter(2));
    index.query([-180, -90, 180, 90], 2, filter(3));
    expect([2, 3].map((k) => index.isBuilt(filter(k)))).toEqual([true, true]);
    index.query([-180, -90, 180, 90], 2, filter(2)); // touch 2: 3 is now the oldest
    index.build(filter(4));
    expect([2, 3, 4].map((k) => index.isBuilt(filter(k)))).toEqual([true, false, true]);
    const total = index.query([-180, -90, 180, 90], 0, filter(3)).features.reduce((sum, f) => sum + weight(f), 0);
    expect(total).toBe(34);
  });
});
