import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCorridorIndex, prepareRoute, routeCache, type CorridorHit, type CorridorOptions, type CorridorQuery } from '../../data/geo/corridor';
import { footLat, footLatitude, footT, mercLat, mercY, offsetAt, offsetFrom } from '../../data/geo/corridor-segment';
import { EARTH_RADIUS_M, haversine, RAD } from '../../data/geo/haversine';
import type { NearestPoint } from '../../data/geo/nearest';
import { corridorOracle } from './geo-corridor-oracle';

type Pos = [number, number];

// a small region (about 60 × 60 km around Nanjing) so that random routes and points meet often
const near = (c: Pos, d: number) =>
  fc.tuple(fc.double({ min: -d, max: d, noNaN: true }), fc.double({ min: -d, max: d, noNaN: true })).map(([a, b]): Pos => [c[0] + a, c[1] + b]);
const region = near([118.8, 32.05], 0.3);
const bits = (n: number) => fc.integer({ min: 0, max: (1 << n) - 1 });

/** Routes: random walks with very short steps, repeated positions, zig-zags and long jumps. */
const lineArb = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true })) },
    { weight: 1, arbitrary: fc.constant<Pos>([0, 0]) }, // a duplicate of the previous position
    { weight: 1, arbitrary: fc.tuple(fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true })) },
    { weight: 1, arbitrary: fc.tuple(fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true })) },
  ),
  { minLength: 0, maxLength: 40 },
).chain((steps) => region.map((start) => {
  const line: Pos[] = [start];
  for (const [dx, dy] of steps) line.push([line[line.length - 1][0] + dx, line[line.length - 1][1] + dy]);
  return line;
}));

/** Points: anywhere in the region, on the route's vertices, or right beside them. */
const pointsArb = (line: Pos[]) =>
  fc.array(
    fc.record({
      pos: fc.oneof(region, fc.constantFrom(...line), fc.constantFrom(...line).chain((v) => near(v, 0.002))),
      all: bits(4),
      any: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }).map((b) => 1 << b)),
      is24h: fc.boolean(),
    }).map(({ pos, ...rest }): NearestPoint => ({ lng: pos[0], lat: pos[1], ...rest })),
    { maxLength: 250 },
  );

const queryArb = fc.record({
  width: fc.oneof(fc.double({ min: 0, max: 30_000, noNaN: true }), fc.constantFrom(0, 1, 50, 1000, 10_000)),
  all: fc.option(bits(4), { nil: undefined }),
  any: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
  only24h: fc.option(fc.boolean(), { nil: undefined }),
  mod: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
}).map(({ mod, ...q }): CorridorQuery => ({ ...q, predicate: mod ? (i) => i % mod !== 0 : undefined }));

const optionsArb: fc.Arbitrary<CorridorOptions> = fc.record({
  nodeSize: fc.integer({ min: 2, max: 80 }),
  routeNodeSize: fc.integer({ min: 2, max: 16 }),
  chunk: fc.double({ min: 0.05, max: 5, noNaN: true }),
  reuse: fc.double({ min: 0, max: 5000, noNaN: true }),
});

describe('createCorridorIndex', () => {
  it('equals the brute-force oracle: random routes, points, widths, filters and options', () => {
    fc.assert(
      fc.property(
        lineArb.chain((line) => fc.tuple(fc.constant(line), pointsArb(line), fc.array(queryArb, { minLength: 1, maxLength: 5 }), optionsArb)),
        ([line, points, queries, options]) => {
          const index = createCorridorIndex(points, options);
          const route = prepareRoute(line);
          for (const q of queries) {
            const want = corridorOracle(points, line, q);
            expect(index.query(line, q)).toEqual(want);
            expect(index.query(route, q)).toEqual(want); // a prepared route answers the same, again and again
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers the same from points as columns', () => {
    fc.assert(
      fc.property(
        lineArb.chain((line) => fc.tuple(fc.constant(line), pointsArb(line), fc.array(queryArb, { minLength: 1, maxLength: 5 }))),
        ([line, points, queries]) => {
          const objects = createCorridorIndex(points);
          const columns = createCorridorIndex({
            lng: Float64Array.from(points, (p) => p.lng), lat: Float64Array.from(points, (p) => p.lat),
            all: points.map((p) => p.all), any: points.map((p) => p.any), is24h: points.map((p) => (p.is24h ? 1 : 0)),
          });
          for (const q of queries) expect(columns.query(line, q)).toEqual(objects.query(line, q));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('equals the oracle anywhere on the map: across the equator, far north and south', () => {
    const centre = fc.tuple(fc.double({ min: -170, max: 170, noNaN: true }), fc.oneof(fc.double({ min: -80, max: 80, noNaN: true }), fc.constantFrom(0, 60, -75, 84.9)));
    fc.assert(
      fc.property(centre.chain((c) => fc.tuple(
        fc.array(near(c, 0.5), { minLength: 1, maxLength: 12 }),
        fc.array(near(c, 0.6).map(([lng, lat]): NearestPoint => ({ lng, lat: Math.max(-90, Math.min(90, lat)), all: 0, any: 0, is24h: false })), { maxLength: 150 }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
      )), ([line, points, width]) => {
        const clamped = line.map(([lng, lat]): Pos => [lng, Math.max(-85, Math.min(85, lat))]);
        expect(createCorridorIndex(points).query(clamped, { width })).toEqual(corridorOracle(points, clamped, { width }));
      }),
      { numRuns: 300 },
    );
  });

  it('finds points a hair within the width due north and south of a route along a parallel, at every latitude (the chunks’ bounds are not too tight)', () => {
    for (const lat of [0, 30, -45, 60, -75, 84]) {
      for (const width of [1000, 10_000, 50_000]) {
        const dLng = (width / EARTH_RADIUS_M / RAD / Math.cos(lat * RAD)) * 0.7; // vertices 0.7 widths apart, several to a chunk at chunk 5
        const line = Array.from({ length: 12 }, (_, k): Pos => [100 + k * dLng, lat]);
        const dLat = ((width / EARTH_RADIUS_M) * (1 - 1e-9)) / RAD; // due north of a place on a parallel, the offset is R·Δφ
        const points: NearestPoint[] = line.flatMap(([lng], k) => [lng, lng + dLng / 2].flatMap((x) => [1, -1].map((side) => ({
          lng: k === line.length - 1 ? lng : x, lat: lat + side * dLat, all: 0, any: 0, is24h: false,
        }))));
        const want = corridorOracle(points, line, { width });
        expect(want).toHaveLength(points.length);
        for (const chunk of [0.2, 1, 5]) expect(createCorridorIndex(points, { chunk }).query(line, { width })).toEqual(want);
      }
    }
  });

  it('takes a segment too short to square (its length² underflows, 1/length² is infinite) as a point, as the oracle does', () => {
    // found by the property above (seed 6): the point at a vertex was missed at width 0
    const line: Pos[] = [[-3.787279734254846e-11, -75], [1.0592716967229316e-287, -74.9999999999774], [1.0592716967229316e-287, -75], [-9.005336860690714e-161, -75], [1.0592716967229316e-287, -75]];
    const points: NearestPoint[] = [{ lng: 1.0592716967229316e-287, lat: -75, all: 0, any: 0, is24h: false }];
    const want = corridorOracle(points, line, { width: 0 });
    expect(want).toHaveLength(1);
    expect(createCorridorIndex(points).query(line, { width: 0 })).toEqual(want);
  });

  it('cuts at `limit` exactly where the whole answer would be cut', () => {
    fc.assert(
      fc.property(
        lineArb.chain((line) => fc.tuple(fc.constant(line), pointsArb(line), queryArb, fc.integer({ min: 1, max: 30 }))),
        ([line, points, q, limit]) => {
          const got = createCorridorIndex(points, { chunk: 0.2 }).query(line, { ...q, limit });
          expect(got).toEqual(corridorOracle(points, line, q).slice(0, limit));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pages with `after`: each page is the oracle’s next `limit` after the last hit, whatever the options', () => {
    fc.assert(
      fc.property(
        lineArb.chain((line) => fc.tuple(fc.constant(line), pointsArb(line), queryArb, fc.integer({ min: 1, max: 20 }), optionsArb)),
        ([line, points, q, limit, options]) => {
          const want = corridorOracle(points, line, q), index = createCorridorIndex(points, options), route = prepareRoute(line);
          const got: CorridorHit[] = [];
          for (let page = 0; page <= want.length; page++) {
            const last = got.at(-1);
            const after = last && { along: last.along, offset: last.offset, tieAfter: (i: number) => i > last.i };
            const hits = index.query(route, { ...q, limit, after });
            got.push(...hits);
            if (hits.length < limit) break;
          }
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pages of several questions asked in turns each continue where they ended, and an update between pages is read', () => {
    const pageAfter = (last: CorridorHit | undefined) => last && { along: last.along, offset: last.offset, tieAfter: (i: number) => i > last.i };
    fc.assert(
      fc.property(
        fc.tuple(lineArb, lineArb).chain(([a, b]) => fc.tuple(
          fc.constant([a, b]), pointsArb([...a, ...b]), fc.array(queryArb, { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 4 }),
          optionsArb, fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }),
        )),
        ([lines, points, queries, limit, options, turns, changeAt]) => {
          const cols = { // typed columns: the index reads these very arrays on update
            lng: Float64Array.from(points, (p) => p.lng), lat: Float64Array.from(points, (p) => p.lat), all: Uint32Array.from(points, (p) => p.all),
            any: Uint32Array.from(points, (p) => p.any), is24h: Uint8Array.from(points, (p) => (p.is24h ? 1 : 0)),
          };
          const index = createCorridorIndex(cols, options);
          const asks = queries.map((q, k) => ({ line: lines[k % 2], route: prepareRoute(lines[k % 2]), q, got: [] as CorridorHit[], over: false }));
          for (const [turn, pick] of turns.entries()) {
            if (turn === changeAt) { // amenities change under the pagers: later pages read the new masks
              points.forEach((p, i) => (cols.all[i] = p.all = (p.all * 5 + 3) & 15));
              index.update(points.map((_, i) => i));
            }
            const ask = asks[pick % asks.length];
            if (ask.over) continue;
            const after = pageAfter(ask.got.at(-1)), hits = index.query(ask.route, { ...ask.q, limit, after });
            const want = corridorOracle(points, ask.line, ask.q).filter((h) => !after || h.along > after.along ||
              (h.along === after.along && (h.offset > after.offset || (h.offset === after.offset && after.tieAfter(h.i))))).slice(0, limit);
            expect(hits).toEqual(want);
            ask.got.push(...hits);
            ask.over = hits.length < limit;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pages two routes through one dense set in turns, each page continuing its own route', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const line: Pos[] = Array.from({ length: 400 }, (_, k) => [118 + k * 0.002, 32 + 0.01 * Math.sin(k / 11)]);
    const back = line.map(([lng, lat]): Pos => [lng, lat + 0.02]).reverse();
    const points: NearestPoint[] = Array.from({ length: 4000 }, () => ({ lng: 118 + rnd() * 0.8, lat: 31.95 + rnd() * 0.12, all: 0, any: 1, is24h: rnd() < 0.5 }));
    const index = createCorridorIndex(points, { chunk: 0.5 });
    const asks = [line, back].map((l) => ({ line: l, route: prepareRoute(l), got: [] as CorridorHit[], over: false }));
    for (let turn = 0; asks.some((a) => !a.over); turn++) {
      const ask = asks[turn % 2], last = ask.got.at(-1);
      if (ask.over) continue;
      const hits = index.query(ask.route, { width: 3000, limit: 37, after: last && { along: last.along, offset: last.offset, tieAfter: (i: number) => i > last.i } });
      ask.got.push(...hits);
      ask.over = hits.length < 37;
    }
    for (const ask of asks) {
      const want = corridorOracle(points, ask.line, { width: 3000 });
      expect(ask.got).toEqual(want);
      expect(want.length).toBeGreaterThan(600);
      for (const k of [500, 100, 0]) { // back to an earlier page of the same route
        const last = want[k];
        expect(index.query(ask.route, { width: 3000, limit: 50, after: { along: last.along, offset: last.offset, tieAfter: (i: number) => i > last.i } })).toEqual(want.slice(k + 1, k + 51));
      }
    }
  });

  it('equals the oracle on a long route through a dense clustered set', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const line: Pos[] = [];
    for (let k = 0; k <= 2000; k++) line.push([116 + k * 0.002 + 0.01 * Math.sin(k / 9), 36 - k * 0.0015 + 0.008 * Math.cos(k / 13)]);
    line.push(...line.slice(600, 900).reverse()); // back over itself: points are nearest to two passes
    const points: NearestPoint[] = Array.from({ length: 30_000 }, () => {
      const v = line[Math.floor(rnd() * line.length)];
      return { lng: v[0] + (rnd() - 0.5) * 0.3, lat: v[1] + (rnd() - 0.5) * 0.3, all: rnd() < 0.3 ? 1 : 0, any: 1, is24h: rnd() < 0.5 };
    });
    const index = createCorridorIndex(points);
    for (const q of [{ width: 5000 }, { width: 12_000, all: 1 }, { width: 800, only24h: true }, { width: 20_000, limit: 100 }]) {
      expect(index.query(line, q)).toEqual(corridorOracle(points, line, q).slice(0, q.limit));
    }
    // pages of 700 over a route that passes back over itself
    const whole = corridorOracle(points, line, { width: 5000 });
    const paged: CorridorHit[] = [];
    let hits = index.query(line, { width: 5000, limit: 700 });
    while (hits.length > 0) {
      paged.push(...hits);
      const last = hits[hits.length - 1];
      hits = index.query(line, { width: 5000, limit: 700, after: { along: last.along, offset: last.offset, tieAfter: (i: number) => i > last.i } });
    }
    expect(paged).toEqual(whole);
  });

  it('breaks ties between two passes as the oracle does: points on a route that goes back over itself', () => {
    let seed = 9;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 8; trial++) {
      const line: Pos[] = [];
      let lng = 116 + rnd(), lat = 30 + rnd() * 5;
      const step = trial % 2 ? 0.01 : 0.0005; // vertices ~1 km or ~50 m apart
      for (let k = 0; k < 300; k++) {
        line.push([lng, lat]);
        lng += (rnd() - 0.3) * step;
        lat += (rnd() - 0.5) * step;
      }
      line.push(...line.slice(50, 250).reverse()); // the same vertices again: each point is as near to both passes
      // points at the vertices and halfway along segments (in degrees): offsets of nanometres, equal on both passes
      const points: NearestPoint[] = line.map(([x, y]) => ({ lng: x, lat: y, all: 0, any: 1, is24h: false }));
      for (let k = 0; k + 1 < 300; k += 3) points.push({ lng: (line[k][0] + line[k + 1][0]) / 2, lat: (line[k][1] + line[k + 1][1]) / 2, all: 0, any: 1, is24h: false });
      expect(createCorridorIndex(points).query(line, { width: 1500 })).toEqual(corridorOracle(points, line, { width: 1500 }));
    }
  });

  it('orders many hits at one along (a route of one position, a vertex nearest to a crowd) as the oracle does', () => {
    let seed = 5;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const crowd = (lng: number, lat: number, n: number): NearestPoint[] => Array.from({ length: n }, (_, k) => ({
      lng: lng + (k % 3 === 0 ? 0.01 : (rnd() - 0.5) * 0.02), lat: lat + (k % 3 === 0 ? 0 : (rnd() - 0.5) * 0.02), all: 0, any: 1, is24h: false,
    }));
    const points = [...crowd(118, 32, 300), ...crowd(118.2, 32.2, 300)]; // every third equidistant from the vertex: ties on offset too
    const index = createCorridorIndex(points);
    for (const line of [[[118, 32]], [[117.9, 31.9], [118.2, 32.2], [118.3, 32]]] as Pos[][]) {
      const want = corridorOracle(points, line, { width: 5000 });
      expect(Math.max(...want.map((h) => want.filter((g) => g.along === h.along).length))).toBeGreaterThan(64);
      expect(index.query(line, { width: 5000 })).toEqual(want);
    }
  });

  it('a whole pass on a prepared route, then pages of it again: each equals the oracle', () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const line: Pos[] = Array.from({ length: 300 }, (_, k) => [118 + k * 0.003, 32 + 0.01 * Math.sin(k / 7)]);
    const points: NearestPoint[] = Array.from({ length: 6000 }, () => ({ lng: 118 + rnd() * 0.9, lat: 31.95 + rnd() * 0.1, all: 0, any: 1, is24h: false }));
    const index = createCorridorIndex(points, { chunk: 0.5 }), route = prepareRoute(line), want = corridorOracle(points, line, { width: 3000 });
    expect(want.length).toBeGreaterThan(1000);
    expect(index.query(route, { width: 3000 })).toEqual(want); // reads far past the hits a sweep keeps
    expect(index.query(route, { width: 3000, limit: 40 })).toEqual(want.slice(0, 40));
    for (const k of [900, 20, 600]) {
      const last = want[k], after = { along: last.along, offset: last.offset, tieAfter: (i: number) => i > last.i };
      expect(index.query(route, { width: 3000, limit: 300, after })).toEqual(want.slice(k + 1, k + 301));
    }
  });

  it('counts points beyond the route ends within the width, at the end', () => {
    const line: Pos[] = [[118.0, 32.0], [118.1, 32.0]];
    const points = [[117.95, 32.0], [118.15, 32.0], [118.2, 32.0], [118.05, 32.03]].map(([lng, lat]) => ({ lng, lat, all: 0, any: 0, is24h: false }));
    const hits = createCorridorIndex(points).query(line, { width: 5000 });
    expect(hits.map((h) => h.i)).toEqual([0, 3, 1]);
    expect(hits[0].along).toBe(0);
    expect(hits[0].offset).toBeCloseTo(haversine(117.95, 32, 118, 32), 6);
    expect(hits[2].along).toBe(prepareRoute(line).length);
    expect(hits[2].offset).toBeCloseTo(haversine(118.15, 32, 118.1, 32), 6);
    expect(hits[1].along).toBeCloseTo(haversine(118, 32, 118.05, 32), 0); // halfway along a parallel
  });

  it('measures along the route: the sum of the legs before, and a point at a vertex is at that vertex', () => {
    const line: Pos[] = [[120, 30], [120.1, 30.1], [120.3, 30.1], [120.3, 29.9]];
    const points = line.map(([lng, lat]) => ({ lng, lat, all: 0, any: 0, is24h: false }));
    const route = prepareRoute(line);
    const hits = createCorridorIndex(points).query(route, { width: 1e-6 }); // a micrometre: positions round-trip through Mercator
    expect(hits.map((h) => h.i)).toEqual([0, 1, 2, 3]);
    hits.forEach((h, k) => expect(h.along).toBeCloseTo(route.along[k], 6));
    for (const h of hits) expect(h.offset).toBeLessThan(1e-6);
    // legs are short enough that the rhumb and great-circle lengths agree to a few centimetres
    for (let k = 1; k < line.length; k++) {
      expect(route.along[k] - route.along[k - 1]).toBeCloseTo(haversine(...line[k - 1], ...line[k]), 1);
    }
  });

  it('routeCache: a line equal position by position gets the same prepared route, the last few kept', () => {
    const prepared = routeCache(2), a: Pos[] = [[118, 32], [118.1, 32.05]], b: Pos[] = [[118, 32], [118.1, 32.0500001]];
    const ra = prepared(a);
    expect(prepared(a.map((p): Pos => [...p]))).toBe(ra);
    expect(ra).toEqual(prepareRoute(a));
    const rb = prepared(b);
    expect(rb).not.toBe(ra);
    expect(prepared(a)).toBe(ra);
    prepared([[1, 1]]);
    prepared([[2, 2]]); // two more lines: the first is dropped
    expect(prepared(a)).not.toBe(ra);
    expect(() => prepared([[200, 1]])).toThrow(RangeError);
  });

  it('answers degenerate queries without throwing', () => {
    const p = { lng: 118.8, lat: 32.05, all: 1, any: 1, is24h: true };
    expect(createCorridorIndex([]).query([[118, 32], [119, 33]], { width: 1000 })).toEqual([]);
    const index = createCorridorIndex([p]);
    expect(index.query([[118.8, 32.05]], { width: 1e-6 }).map((h) => h.i)).toEqual([0]); // one position: a circle
    expect(index.query([[118, 32], [119, 33]], { width: Number.NaN })).toEqual([]);
    expect(index.query([[118, 32], [119, 33]], { width: -1 })).toEqual([]);
    expect(index.query([[118, 32], [119, 33]], { width: 1e5, limit: 0 })).toEqual([]);
    expect(index.query([[118, 32], [119, 33]], { width: 1e5, limit: -1 })).toEqual([]);
    expect(index.hits([[118, 32], [119, 33]], { width: 1e5, limit: Number.NaN }).size).toBe(0);
    expect(() => index.query([], { width: 10 })).toThrow(RangeError);
    expect(() => index.query([[118, 32], [200, 33]], { width: 10 })).toThrow(RangeError);
  });
  it('hits: the same answer as columns, a page after a page included', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const points = Array.from({ length: 3000 }, () => ({ lng: 118 + rnd(), lat: 32 + rnd(), all: 1, any: 1, is24h: rnd() < 0.5 }));
    const index = createCorridorIndex(points), line: Pos[] = [[118.1, 32.1], [118.5, 32.6], [118.9, 32.4]];
    const whole = corridorOracle(points, line, { width: 8000 }), cols = index.hits(line, { width: 8000 });
    expect(whole.length).toBeGreaterThan(500);
    expect(cols.size).toBe(whole.length);
    whole.forEach((h, k) => expect([cols.i[k], cols.along[k], cols.offset[k]]).toEqual([h.i, h.along, h.offset]));
    const last = whole[199], next = index.hits(line, { width: 8000, limit: 100, after: { along: last.along, offset: last.offset, tieAfter: (i) => i > last.i } });
    expect(next.toArray()).toEqual(whole.slice(200, 300));
  });
});

describe('offsetAt (the distance primitive)', () => {
  /** The least haversine distance to the segment, sampled finely and refined around the best sample. */
  function trueDistance(a: Pos, b: Pos, p: Pos): number {
    const at = (t: number) => haversine(p[0], p[1], a[0] + t * (b[0] - a[0]), (2 * Math.atan(Math.exp(mercY(a[1]) + t * (mercY(b[1]) - mercY(a[1])))) - Math.PI / 2) / RAD);
    let best = 0;
    for (let k = 0; k <= 2000; k++) if (at(k / 2000) < at(best)) best = k / 2000;
    let lo = Math.max(0, best - 1 / 2000), hi = Math.min(1, best + 1 / 2000);
    for (let k = 0; k < 100; k++) {
      const m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
      if (at(m1) < at(m2)) hi = m2;
      else lo = m1;
    }
    return at((lo + hi) / 2);
  }

  it('measures a vertex to the bit the same from the segment before (t = 1) and after (t = 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 73, max: 135, noNaN: true }), fc.double({ min: 18, max: 55, noNaN: true })), { minLength: 4, maxLength: 4 }),
        ([a, b, c, p]) => {
          const [ax, ay, bx, by, cx, cy] = [a[0] * RAD, mercY(a[1]), b[0] * RAD, mercY(b[1]), c[0] * RAD, mercY(c[1])];
          const φ = p[1] * RAD, cos = Math.cos(φ);
          expect(offsetAt(ax, ay, bx, by, 1, p[0] * RAD, φ, cos)).toBe(offsetAt(bx, by, cx, cy, 0, p[0] * RAD, φ, cos));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("measures a prepared route's vertex from its kept φ and cos φ to the bit as offsetAt does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -89.9, max: 89.9, noNaN: true })), { minLength: 3, maxLength: 3 }),
        ([a, b, p]) => {
          const r = prepareRoute([a, b]), φ = p[1] * RAD, cos = Math.cos(φ), λ = p[0] * RAD;
          expect(offsetFrom(r.x[0], r.frames[0], r.frames[1], λ, φ, cos)).toBe(offsetAt(r.x[0], r.y[0], r.x[1], r.y[1], 0, λ, φ, cos));
          expect(offsetFrom(r.x[1], r.frames[3], r.frames[4], λ, φ, cos)).toBe(offsetAt(r.x[0], r.y[0], r.x[1], r.y[1], 1, λ, φ, cos));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('measures as the haversine with Math.asin does, to a few parts in 1e16, near (a series) and far (Math.asin)', () => {
    const R = EARTH_RADIUS_M, withAsin = (xq: number, φq: number, cosq: number, λ: number, φ: number, cos: number) => {
      const sφ = Math.sin((φ - φq) / 2), sλ = Math.sin((λ - xq) / 2), h = sφ * sφ + cos * cosq * sλ * sλ;
      return 2 * R * Math.asin(Math.sqrt(Math.min(h, 1)));
    };
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: 73, max: 135, noNaN: true }), fc.double({ min: 18, max: 55, noNaN: true })),
        fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })),
        fc.integer({ min: 0, max: 8 }),
        ([lng, lat], [dx, dy], shrink) => {
          const q = [lng + dx / 10 ** shrink, lat + dy / 10 ** shrink], φ = lat * RAD, φq = q[1] * RAD;
          const got = offsetFrom(q[0] * RAD, φq, Math.cos(φq), lng * RAD, φ, Math.cos(φ));
          const want = withAsin(q[0] * RAD, φq, Math.cos(φq), lng * RAD, φ, Math.cos(φ));
          expect(Math.abs(got - want)).toBeLessThanOrEqual(4e-16 * want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("places a foot's latitude and cos φ as exp and atan do, within their rounding, near a vertex (a series) and far (exp, atan)", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: 0, max: 6 }), (y, d, shrink) => {
        const frames = new Float64Array(3), δ = d / 10 ** shrink, e = Math.exp(y + δ);
        mercLat(y, frames, 0);
        footLatitude(frames, 0, δ, y + δ);
        expect(Math.abs(footLat.φ - (2 * Math.atan(e) - Math.PI / 2))).toBeLessThan(1e-15);
        expect(Math.abs(footLat.cos - (2 * e) / (1 + e * e))).toBeLessThan(1e-15);
      }),
      { numRuns: 3000 },
    );
  });

  it('is within 1 cm of the true spherical distance at 10 km, for routes up to 55° north', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: 73, max: 135, noNaN: true }), fc.double({ min: 18, max: 55, noNaN: true })),
        fc.tuple(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true })),
        fc.tuple(fc.double({ min: -0.09, max: 0.09, noNaN: true }), fc.double({ min: -0.09, max: 0.09, noNaN: true })),
        ([lng, lat], [dx, dy], [px, py]) => {
          const a: Pos = [lng, lat], b: Pos = [lng + dx, lat + dy], p: Pos = [lng + dx / 2 + px, lat + dy / 2 + py];
          const t = footT(a[0] * RAD, mercY(a[1]), b[0] * RAD, mercY(b[1]), p[0] * RAD, mercY(p[1]));
          const got = offsetAt(a[0] * RAD, mercY(a[1]), b[0] * RAD, mercY(b[1]), t, p[0] * RAD, p[1] * RAD, Math.cos(p[1] * RAD));
          const want = trueDistance(a, b, p);
          if (want > 10_000) return;
          expect(got).toBeGreaterThanOrEqual(want - 1e-6);
          expect(got - want).toBeLessThan(0.01);
        },
      ),
      { numRuns: 300 },
    );
  });
});
