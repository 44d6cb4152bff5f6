import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversine } from '../../data/geo/haversine';
import {
  createNearestIndex,
  type NearestHit,
  type NearestOptions,
  type NearestPoint,
  type NearestQuery,
} from '../../data/geo/nearest';

/** The oracle: filter every point, measure, sort by (distance, index), honour maxDistance, cut. */
function bruteForce(points: NearestPoint[], q: NearestQuery): NearestHit[] {
  const all = (q.all ?? 0) >>> 0, any = (q.any ?? 0) >>> 0;
  const hits: NearestHit[] = [];
  points.forEach((p, i) => {
    if ((p.all & all) !== all || (any !== 0 && (p.any & any) === 0) || (q.only24h && !p.is24h)) return;
    if (q.predicate && !q.predicate(i)) return;
    const distance = haversine(q.lng, q.lat, p.lng, p.lat);
    if (q.maxDistance === undefined || distance <= q.maxDistance) hits.push({ i, distance });
  });
  hits.sort((a, b) => a.distance - b.distance || a.i - b.i);
  return hits.slice(0, Math.max(0, Math.floor(q.limit)));
}

/** Same distances in the same order; ids equal as sets within each run of tied distances. */
function expectSameHits(points: NearestPoint[], q: NearestQuery, got: NearestHit[]): void {
  const want = bruteForce(points, q);
  expect(got.map((h) => h.distance)).toHaveLength(want.length);
  got.forEach((h, k) => {
    expect(Math.abs(h.distance - want[k].distance)).toBeLessThanOrEqual(1e-6);
    expect(h.distance).toBe(haversine(q.lng, q.lat, points[h.i].lng, points[h.i].lat));
  });
  expect(new Set(got.map((h) => h.i)).size).toBe(got.length);
  const tied = (hits: NearestHit[], d: number) => hits.filter((h) => h.distance === d).map((h) => h.i).sort();
  const cut = want.length > 0 ? want[want.length - 1].distance : NaN;
  for (const d of new Set(want.map((h) => h.distance))) {
    if (d !== cut) expect(tied(got, d)).toEqual(tied(want, d));
  }
  // at the cut-off distance any of the tied points may be the ones kept
  const atCut = new Set(bruteForce(points, { ...q, limit: Infinity }).filter((h) => h.distance === cut).map((h) => h.i));
  for (const i of tied(got, cut)) expect(atCut.has(i)).toBe(true);
}

const china = { lng: fc.double({ min: 73, max: 135, noNaN: true }), lat: fc.double({ min: 18, max: 54, noNaN: true }) };
const position = fc.record(china);
const bits = (n: number) => fc.integer({ min: 0, max: (1 << n) - 1 });
// some points share a few positions (duplicates), some sit in one small city, the rest anywhere
const pointsArb = fc
  .tuple(fc.array(position, { minLength: 1, maxLength: 4 }), position)
  .chain(([shared, city]) =>
    fc.array(
      fc.record({
        pos: fc.oneof(
          fc.constantFrom(...shared),
          fc.record({ lng: fc.double({ min: -0.05, max: 0.05, noNaN: true }), lat: fc.double({ min: -0.05, max: 0.05, noNaN: true }) })
            .map((d) => ({ lng: city.lng + d.lng, lat: city.lat + d.lat })),
          position,
        ),
        all: bits(5),
        any: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }).map((b) => 1 << b), bits(4)),
        is24h: fc.boolean(),
      }).map(({ pos, ...rest }): NearestPoint => ({ ...pos, ...rest })),
      { maxLength: 300 },
    ),
  );
const optionsArb: fc.Arbitrary<NearestOptions> = fc.record({
  nodeSize: fc.integer({ min: 2, max: 24 }),
  maxShare: fc.double({ min: 0, max: 1, noNaN: true }),
  maxShare24h: fc.double({ min: 0, max: 1, noNaN: true }),
});
const queryArb = (points: NearestPoint[]) =>
  fc.record({
    at: fc.oneof(position, fc.constantFrom(...(points.length ? points : [{ lng: 100, lat: 30 }])), fc.record({
      lng: fc.double({ min: -180, max: 180, noNaN: true }), lat: fc.double({ min: -90, max: 90, noNaN: true }),
    })),
    limit: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(points.length + 5)),
    // sometimes exactly the distance to a point, to check that maxDistance is inclusive
    max: fc.option(fc.oneof(fc.double({ min: 0, max: 3e6, noNaN: true }), fc.nat({ max: 1e6 }).map((k) => -k - 1)), { nil: undefined }),
    all: fc.option(bits(5), { nil: undefined }),
    any: fc.option(fc.oneof(bits(4), fc.integer({ min: 0, max: 3 }).map((b) => 1 << b)), { nil: undefined }),
    only24h: fc.option(fc.boolean(), { nil: undefined }),
    mod: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
  }).map(({ at, limit, max, all, any, only24h, mod }): NearestQuery => {
    const p = max !== undefined && max < 0 ? points[-max % Math.max(1, points.length)] : undefined;
    const maxDistance = max === undefined ? undefined : p ? haversine(at.lng, at.lat, p.lng, p.lat) : Math.max(0, max);
    return { lng: at.lng, lat: at.lat, limit, maxDistance, all, any, only24h, predicate: mod ? (i) => i % mod !== 0 : undefined };
  });

describe('createNearestIndex', () => {
  it('equals the brute-force oracle for random points, filters and options', () => {
    fc.assert(
      fc.property(
        pointsArb.chain((points) => fc.tuple(fc.constant(points), optionsArb, fc.array(queryArb(points), { minLength: 1, maxLength: 8 }))),
        ([points, options, queries]) => {
          const index = createNearestIndex(points, options);
          for (const q of queries) expectSameHits(points, q, index.query(q));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers the same from points as columns, with the filter trees built first, on first use, or in slices meanwhile', () => {
    fc.assert(
      fc.property(
        pointsArb.chain((points) => fc.tuple(fc.constant(points), optionsArb, fc.array(queryArb(points), { minLength: 1, maxLength: 8 }))),
        ([points, options, queries]) => {
          const lazy = createNearestIndex(points, options);
          const columns = createNearestIndex({
            lng: points.map((p) => p.lng), lat: points.map((p) => p.lat), all: points.map((p) => p.all),
            any: points.map((p) => p.any), is24h: points.map((p) => (p.is24h ? 1 : 0)),
          }, options);
          columns.build();
          // a caller that builds the filter trees in slices: queries search the built trees meanwhile
          const waiting = createNearestIndex(points, { ...options, buildOnQuery: false });
          const building = waiting.building();
          for (const q of queries) {
            expect(columns.query(q)).toEqual(lazy.query(q));
            expect(waiting.query(q)).toEqual(lazy.query(q));
            building.next();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('equals the oracle after points moved in place (the trees pass them over, each is tested where it is now)', () => {
    fc.assert(
      fc.property(
        pointsArb.filter((points) => points.length > 0).chain((points) => fc.tuple(
          fc.constant(points), optionsArb,
          fc.array(fc.tuple(fc.nat(points.length - 1), position), { minLength: 1, maxLength: 6 }),
          fc.array(queryArb(points), { minLength: 1, maxLength: 6 }),
        )),
        ([points, options, moves, queries]) => {
          const cols = {
            lng: Float64Array.from(points, (p) => p.lng), lat: Float64Array.from(points, (p) => p.lat), all: Uint32Array.from(points, (p) => p.all),
            any: Uint32Array.from(points, (p) => p.any), is24h: Uint8Array.from(points, (p) => (p.is24h ? 1 : 0)),
          };
          const index = createNearestIndex(cols, options);
          const moved = points.map((p) => ({ ...p }));
          for (const [i, to] of moves) [cols.lng[i], cols.lat[i], moved[i].lng, moved[i].lat] = [to.lng, to.lat, to.lng, to.lat];
          index.move(moves.map(([i]) => i));
          expect([...index.moved].sort((a, b) => a - b)).toEqual([...new Set(moves.map(([i]) => i))].sort((a, b) => a - b));
          for (const q of queries) expectSameHits(moved, q, index.query(q));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals the oracle for points all over the globe (poles, antimeridian)', () => {
    const world = fc.record({
      lng: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(-180, 180, 179.9999, -179.9999)),
      lat: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(-90, 90, 89.9999)),
    });
    const pointArb = world.map((p): NearestPoint => ({ ...p, all: 0, any: 0, is24h: false }));
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 200 }), world, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 2, max: 16 }),
        (points, at, limit, nodeSize) => {
          const q = { lng: at.lng, lat: at.lat, limit };
          expectSameHits(points, q, createNearestIndex(points, { nodeSize }).query(q));
        }),
      { numRuns: 300 },
    );
  });

  it('equals the oracle on a larger clustered set with default options (past 65,536 points: 32-bit tree ids, shared as the points)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const centres = Array.from({ length: 12 }, () => [80 + rnd() * 50, 20 + rnd() * 30]);
    const points: NearestPoint[] = Array.from({ length: 70_000 }, () => {
      const [x, y] = centres[Math.floor(rnd() * centres.length)];
      return { lng: x + (rnd() - 0.5) * 0.4, lat: y + (rnd() - 0.5) * 0.4, all: (rnd() < 0.01 ? 1 : 0) | (rnd() < 0.5 ? 2 : 0),
        any: 1 << Math.floor(rnd() * 4), is24h: rnd() < 0.3 };
    });
    const index = createNearestIndex(points);
    for (let k = 0; k < 200; k++) {
      const [x, y] = centres[k % centres.length];
      const q: NearestQuery = { lng: x + (rnd() - 0.5) * 0.6, lat: y + (rnd() - 0.5) * 0.6, limit: 10,
        all: [0, 1, 2, 3][k % 4], any: [0, 1, 6][k % 3], only24h: k % 5 === 0, maxDistance: k % 7 === 0 ? 5000 : undefined };
      expectSameHits(points, q, index.query(q));
    }
  });

  it('finds the nearest across ±180° when it is a metre or two away (boxes padded past the line)', () => {
    const at = (lng: number, lat: number): NearestPoint => ({ lng, lat, all: 0, any: 0, is24h: false });
    for (const nodeSize of [1, 2, 4]) {
      for (const lat of [0, 10, -45]) {
        const points = [at(-179.99999, lat), at(0, lat), at(180, lat), at(10, lat), at(179.999995, lat), at(-180, lat + 1)];
        const index = createNearestIndex(points, { nodeSize });
        for (const lng of [-180, 180, -179.999999, 179.999999]) {
          for (const limit of [1, 2, 3]) expectSameHits(points, { lng, lat, limit }, index.query({ lng, lat, limit }));
        }
      }
    }
  });

  it('finds the nearest in crowds packed closer than float32 tells apart (the node boxes are kept as float32)', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let crowd = 0; crowd < 100; crowd++) {
      const [x, y] = [116 + rnd(), 39 + rnd()]; // 200 points within ~10 m; float32 steps here are ~0.8 m
      const points: NearestPoint[] = Array.from({ length: 200 }, () => ({ lng: x + (rnd() - 0.5) * 1e-4, lat: y + (rnd() - 0.5) * 1e-4, all: 0, any: 0, is24h: false }));
      const index = createNearestIndex(points, { nodeSize: 2 });
      for (let k = 0; k < 50; k++) {
        const p = points[Math.floor(rnd() * points.length)];
        const q = { lng: p.lng + (rnd() - 0.5) * 4e-6, lat: p.lat + (rnd() - 0.5) * 4e-6, limit: 1 };
        expectSameHits(points, q, index.query(q));
      }
    }
  });

  it('orders hits at the same distance by index, keeping the lowest indexes at the cut, query after query', () => {
    // indexes 0–7: three at the farther place, five at the nearer one, interleaved
    const at = (i: number) => ([1, 3, 6].includes(i) ? { lng: 116.41, lat: 39.9 } : { lng: 116.4, lat: 39.9 });
    const index = createNearestIndex(Array.from({ length: 8 }, (_, i) => ({ ...at(i), all: 1, any: 1, is24h: false })));
    for (let k = 0; k < 3; k++) { // the heap is reused between queries
      expect(index.query({ lng: 116.4, lat: 39.9, limit: 7 }).map((h) => h.i)).toEqual([0, 2, 4, 5, 7, 1, 3]);
      expect(index.query({ lng: 116.41, lat: 39.9, limit: 4 }).map((h) => h.i)).toEqual([1, 3, 6, 0]);
      expect(index.query({ lng: 116.4, lat: 39.9, limit: 1000, maxDistance: 10 }).map((h) => h.i)).toEqual([0, 2, 4, 5, 7]);
    }
  });

  it('answers degenerate queries with no hits instead of throwing', () => {
    const index = createNearestIndex([{ lng: 116.4, lat: 39.9, all: 1, any: 1, is24h: true }]);
    expect(createNearestIndex([]).query({ lng: 116, lat: 39, limit: 10 })).toEqual([]);
    expect(index.query({ lng: 116, lat: 39, limit: 0 })).toEqual([]);
    expect(index.query({ lng: 116, lat: 39, limit: Number.NaN })).toEqual([]);
    expect(index.query({ lng: 116, lat: 39, limit: 5, maxDistance: -1 })).toEqual([]);
    expect(index.query({ lng: Number.NaN, lat: 39, limit: 5 })).toEqual([]);
    expect(index.query({ lng: 116.4, lat: 39.9, limit: 5, all: 2 })).toEqual([]); // a bit nobody has
    expect(index.query({ lng: 116.4, lat: 39.9, limit: Infinity, maxDistance: 0 })).toEqual([{ i: 0, distance: 0 }]);
  });
});
