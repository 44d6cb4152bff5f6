import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BisectorChain } from '../../data/geo/corridor-chain';
import { prepareRoute, type Route } from '../../data/geo/corridor-route';
import { bounds2 } from '../../data/geo/corridor-finder';
import { footT, mercLat, mercY, offsetAt, offsetFrom } from '../../data/geo/corridor-segment';
import { EARTH_RADIUS_M, RAD } from '../../data/geo/haversine';

type Pos = [number, number];

/** Points decided by their local minima (`minima`), in all checks so far. */
let tangled = 0;

/** How far `dist` may be off: a foot's coordinates (~2) are rounded by ~4e-16. */
const ROUNDING = 1e-14;

/** Mercator distance from (px, py) to segment s. */
function dist(r: Route, s: number, px: number, py: number): number {
  const t = footT(r.x[s], r.y[s], r.x[s + 1], r.y[s + 1], px, py);
  return Math.hypot(r.x[s] + t * (r.x[s + 1] - r.x[s]) - px, r.y[s] + t * (r.y[s + 1] - r.y[s]) - py);
}

/** The offset (metres) the corridor measures from a point to segment s. */
function offset(r: Route, s: number, lng: number, lat: number): number {
  const px = lng * RAD, py = mercY(lat), t = footT(r.x[s], r.y[s], r.x[s + 1], r.y[s + 1], px, py);
  return offsetAt(r.x[s], r.y[s], r.x[s + 1], r.y[s + 1], t, px, lat * RAD, Math.cos(lat * RAD));
}

/**
 * Asks the chain about each point (a group, then a narrower box within it, as the sweep does) and
 * checks every answer it gives: the segments out of its range are beyond reach, and the Mercator
 * distances fall to its segment and rise after it (what the finder's search for near-ties relies on),
 * or, where the route bends back, to each local minimum within its run, the runs covering the range.
 * Returns how many points it decided.
 */
function check(line: Pos[], points: Pos[], maxM: number, sub: number, heading = 0): number {
  const r = prepareRoute(line), chain = new BisectorChain(r, maxM), [ux, uy] = [Math.cos(heading), Math.sin(heading)];
  chain.axis.set([ux, uy]);
  const xs = (ps: Pos[]) => ps.map((p) => p[0] * RAD), ys = (ps: Pos[]) => ps.map((p) => mercY(p[1]));
  const bounds = (ps: Pos[]) => Float64Array.of(Math.min(...xs(ps)), Math.min(...ys(ps)), Math.max(...xs(ps)), Math.max(...ys(ps)));
  // the box along the axis: centre and half extents along and across it
  const box = (ps: Pos[]) => {
    const u = ps.map((p, k) => xs(ps)[k] * ux + ys(ps)[k] * uy), v = ps.map((p, k) => ys(ps)[k] * ux - xs(ps)[k] * uy);
    const cu = (Math.min(...u) + Math.max(...u)) / 2, cv = (Math.min(...v) + Math.max(...v)) / 2;
    return Float64Array.of(cu * ux - cv * uy, cu * uy + cv * ux, (Math.max(...u) - Math.min(...u)) / 2, (Math.max(...v) - Math.min(...v)) / 2);
  };
  let decided = 0;
  const wrong: string[] = [];
  chain.group(bounds(points), box(points), 0);
  for (let k = 0; k < points.length; k += sub) {
    const part = points.slice(k, k + sub);
    chain.narrow(box(part), 0);
    for (const [lng, lat] of part) {
      const px = lng * RAD, py = mercY(lat);
      for (let t = 0; t < r.segments; t++) if ((t < chain.lo || t > chain.hi) && !(offset(r, t, lng, lat) > maxM)) wrong.push(`${lng},${lat}: segment ${t} left out`);
      const s = chain.nearest({ λ: px, y: py }), k = s === -2 ? chain.minima({ λ: px, y: py }) : 0;
      if (s === -1 || k < 0) continue;
      decided++;
      if (s === -2) tangled++;
      // per local minimum: its segment, and its run (the whole of lo … hi when there is one)
      const runs = s >= 0 ? [[s, chain.lo, chain.hi]] : Array.from({ length: k }, (_, q) => [chain.runs[3 * q], chain.runs[3 * q + 1], chain.runs[3 * q + 2]]);
      if (runs[0][1] !== chain.lo || runs[runs.length - 1][2] !== chain.hi || runs.some((run, q) => q > 0 && run[1] !== runs[q - 1][2])) wrong.push(`${lng},${lat}: runs ${runs.join(' ')} do not cover ${chain.lo}..${chain.hi}`);
      for (const [m, a, b] of runs) {
        if (m < a || m > b) wrong.push(`${lng},${lat}: ${m} out of its run ${a}..${b}`);
        for (let t = m + 1; t <= b; t++) if (dist(r, t, px, py) < dist(r, t - 1, px, py) - ROUNDING) wrong.push(`${lng},${lat}: ${t} nearer than ${t - 1}, after ${m}`);
        for (let t = m - 1; t >= a; t--) if (dist(r, t, px, py) < dist(r, t + 1, px, py) - ROUNDING) wrong.push(`${lng},${lat}: ${t} nearer than ${t + 1}, before ${m}`);
      }
    }
  }
  expect(wrong).toEqual([]);
  return decided;
}

/** A road through the region: steps of about 300 m, turning a little at each. */
const roadArb = fc.tuple(
  fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
  fc.array(fc.double({ min: -0.12, max: 0.12, noNaN: true }), { minLength: 2, maxLength: 120, size: 'max' }),
).map(([heading, turns]) => {
  const line: Pos[] = [[118.8, 32.05]];
  for (const turn of turns) {
    heading += turn;
    const [lng, lat] = line[line.length - 1];
    line.push([lng + (0.003 * Math.cos(heading)) / Math.cos(lat * RAD), lat + 0.003 * Math.sin(heading)]);
  }
  return line;
});

/** Routes of every shape: zig-zags, U-turns, repeated positions, steps too short to square, long jumps. */
const wildArb = fc.array(
  fc.oneof(
    fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true })),
    fc.constant<Pos>([0, 0]),
    fc.tuple(fc.double({ min: -1e-9, max: 1e-9, noNaN: true }), fc.double({ min: -1e-9, max: 1e-9, noNaN: true })),
    fc.tuple(fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true })),
  ),
  { minLength: 1, maxLength: 40 },
).map((steps) => {
  const line: Pos[] = [[118.8, 32.05]];
  for (const [dx, dy] of steps) {
    const [lng, lat] = line[line.length - 1];
    line.push(dx === 0 && dy === 0 && line.length > 1 ? line[line.length - 2] : [lng + dx, lat + dy]); // [0, 0]: back where it came from
  }
  return line;
});

/** Routes of long and short steps at sharp turns, where a segment's mirror image may run past its neighbour's end. */
const stubbyArb = fc.array(
  fc.tuple(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.constantFrom(0.0005, 0.005, 0.03)),
  { minLength: 2, maxLength: 30, size: 'max' },
).map((steps) => {
  const line: Pos[] = [[118.8, 32.05]];
  for (const [heading, step] of steps) {
    const [lng, lat] = line[line.length - 1];
    line.push([lng + step * Math.cos(heading), lat + step * Math.sin(heading)]);
  }
  return line;
});

/** Points of a group: around a place near the route, within `spread` degrees of it. */
const groupArb = (line: Pos[], spread: number) =>
  fc.tuple(fc.constantFrom(...line), fc.double({ min: -0.06, max: 0.06, noNaN: true }), fc.double({ min: -0.06, max: 0.06, noNaN: true })).chain(([[lng, lat], dx, dy]) =>
    fc.array(fc.tuple(fc.double({ min: -spread, max: spread, noNaN: true }), fc.double({ min: -spread, max: spread, noNaN: true })).map(([a, b]): Pos => [lng + dx + a, lat + dy + b]), { minLength: 8, maxLength: 64, size: 'max' }));

/** `check` on 300 routes from `lines`, each with a group of points `spread` wide, reach from `reach`; returns how many points the chain decided. */
function checkRoutes(lines: fc.Arbitrary<Pos[]>, spread: number, reach: fc.Arbitrary<number>): number {
  let decided = 0;
  fc.assert(
    fc.property(lines.chain((line) => fc.tuple(fc.constant(line), groupArb(line, spread), fc.integer({ min: 1, max: 16 }), reach, fc.double({ min: 0, max: 7, noNaN: true }))), ([line, points, sub, maxM, heading]) => {
      decided += check(line, points, maxM, sub, heading);
    }),
    { numRuns: 300 },
  );
  return decided;
}

describe('BisectorChain', () => {
  it('on road-like routes: every segment it leaves out is beyond reach, and the distances fall to its answer and rise after it', () => {
    expect(checkRoutes(roadArb, 0.02, fc.constant(10_000))).toBeGreaterThan(1500); // the checks were put to the test (about 2,800 points decided)
  });

  it('on routes of every shape (U-turns, repeated positions, a point as a segment): the same, or no answer', () => {
    checkRoutes(wildArb, 0.05, fc.constantFrom(100, 5000, 30_000));
  });

  it('on routes of long and short steps at sharp turns: the same, or no answer', () => {
    expect(checkRoutes(stubbyArb, 0.01, fc.constant(5000))).toBeGreaterThan(500);
  });

  it('on a route that comes back 6 km beside itself: points between its legs by their local minima, the same checks', () => {
    // east 9 km, a half circle of 3 km radius, west 9 km; points in 1 km groups between and around the legs
    const line: Pos[] = [];
    for (let k = 0; k <= 30; k++) line.push([118.8 + k * 0.0032, 32.05]);
    for (let k = 1; k < 30; k++) line.push([118.896 + 0.0318 * Math.sin((k / 30) * Math.PI), 32.077 - 0.027 * Math.cos((k / 30) * Math.PI)]);
    for (let k = 0; k <= 30; k++) line.push([118.896 - k * 0.0032, 32.104]);
    const before = tangled;
    let decided = 0;
    for (let gx = 0; gx < 10; gx++) for (let gy = -3; gy < 9; gy++) {
      const points = Array.from({ length: 16 }, (_, q): Pos => [118.8 + gx * 0.01 + (q % 4) * 0.002, 32.05 + gy * 0.01 + Math.floor(q / 4) * 0.002]);
      decided += check(line, points, 10_000, 4);
    }
    expect(tangled - before, `${tangled - before} of ${decided}`).toBeGreaterThan(400); // the local minima were put to the test
    expect(decided).toBeGreaterThan(1200); // of 1,920
  });

  it('decides most points near a road (the rest go to the anchors’ lists)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const line: Pos[] = [[116.4, 39.9]];
    for (let k = 1; k < 200; k++) line.push([116.4 + k * 0.003, 39.9 + 0.004 * Math.sin(k / 7) * Math.sin(k / 23)]);
    let decided = 0, asked = 0;
    for (let g = 0; g < 30; g++) {
      const c = line[Math.floor(random() * line.length)], off = (random() - 0.5) * 0.16;
      const points = Array.from({ length: 128 }, (): Pos => [c[0] + (random() - 0.5) * 0.02, c[1] + off + (random() - 0.5) * 0.02]);
      decided += check(line, points, 10_000, 16);
      asked += points.length;
    }
    expect(decided / asked).toBeGreaterThan(0.9);
  });
});

describe('the finder’s bounds near the chain', () => {
  it('hold the haversine metres between them, at every latitude, up to a Mercator distance of 0.01', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.oneof(fc.double({ min: 0, max: 0.01, noNaN: true }), fc.double({ min: 0, max: 1e-5, noNaN: true })),
        (lat, heading, m) => {
          const φ = lat * RAD, yp = mercY(lat), λ = 2, dx = m * Math.cos(heading), dy = m * Math.sin(heading);
          const frames = new Float64Array(3);
          mercLat(yp + dy, frames, 0);
          const h = offsetFrom(λ + dx, frames[0], frames[1], λ, φ, Math.cos(φ));
          const out = new Float64Array(2), cos = Math.cos(φ), m2 = dx * dx + dy * dy;
          bounds2(EARTH_RADIUS_M ** 2 * cos * cos, Math.sin(φ), m2, dy, out);
          expect(Math.sqrt(out[0])).toBeLessThanOrEqual(h + 1e-7);
          expect(Math.sqrt(out[1])).toBeGreaterThanOrEqual(h - 1e-7);
          // and they are tight: within 1e-5 of each other at 0.01, where the cheap ones are ~1e-3 apart
          expect(Math.sqrt(out[1]) - Math.sqrt(out[0])).toBeLessThanOrEqual(h * 1.1e-4 + 1e-9);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
