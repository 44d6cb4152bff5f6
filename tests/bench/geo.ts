/**
 * Geo benchmarks: nearest-10 (index vs brute force) at 10 k / 100 k / 1 M points, index build
 * time, and viewport requests (time and gzipped size) at 400 k points. Points cluster around real
 * city centres, as stations do. Run alone with `npx tsx tests/bench/geo.ts`.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { haversine } from '../../data/geo/haversine';
import { createNearestIndex, type NearestPoint, type NearestQuery } from '../../data/geo/nearest';
import { createViewportIndex, type BBox } from '../../data/geo/viewport';

export type Row = { name: string; value: number; unit: string; note?: string };

// [lng, lat, weight]: a few dozen cities, bigger ones with more stations
const CITIES: [number, number, number][] = [
  [121.47, 31.23, 10], [116.41, 39.9, 10], [113.26, 23.13, 8], [114.06, 22.54, 8], [104.07, 30.57, 7],
  [106.55, 29.56, 7], [114.31, 30.59, 6], [108.94, 34.34, 5], [120.16, 30.27, 6], [118.8, 32.06, 5],
  [117.2, 39.13, 5], [123.43, 41.8, 4], [126.63, 45.75, 4], [125.32, 43.82, 3], [121.61, 38.91, 3],
  [117.0, 36.65, 4], [120.38, 36.07, 4], [113.62, 34.75, 5], [112.94, 28.23, 4], [115.86, 28.68, 3],
  [119.3, 26.08, 3], [118.09, 24.48, 3], [102.83, 24.88, 3], [106.63, 26.65, 3], [108.37, 22.82, 3],
  [110.2, 20.04, 2], [103.83, 36.06, 2], [101.78, 36.62, 1], [106.23, 38.49, 1], [111.75, 40.84, 2],
  [87.62, 43.83, 2], [91.13, 29.65, 1], [112.55, 37.87, 3], [114.51, 38.04, 3], [117.23, 31.82, 4],
  [120.59, 31.3, 4], [113.75, 23.02, 4], [113.12, 23.02, 4], [121.55, 29.87, 3], [120.3, 31.57, 3],
];
const RARE = 1 << 11; // an amenity about 0.5 % of points have (legal aid)
const SHARES = [0.85, 0.6, 0.4, 0.7, 0.3, 0.5, 0.1, 0.35, 0.2, 0.25, 0.15, 0.005, 0.1, 0.1, 0.3, 0.03, 0.02, 0.02, 0.1];

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A position like a station's: 85 % around a city (weighted), the rest anywhere in China's box. */
function place(rnd: () => number): [number, number] {
  const total = CITIES.reduce((s, c) => s + c[2], 0);
  if (rnd() < 0.15) return [73 + rnd() * 62, 18 + rnd() * 36];
  let pick = rnd() * total, k = 0;
  while ((pick -= CITIES[k][2]) > 0) k++;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const sigma = 0.05 + CITIES[k][2] * 0.02; // degrees
  return [CITIES[k][0] + gauss() * sigma, CITIES[k][1] + gauss() * sigma];
}

function makePoints(n: number, seed: number): NearestPoint[] {
  const rnd = random(seed);
  return Array.from({ length: n }, () => {
    const [lng, lat] = place(rnd);
    const all = SHARES.reduce((m, share, b) => (rnd() < share ? m | (1 << b) : m), 0);
    const r = rnd();
    return { lng, lat, all, any: r < 0.5 ? 1 : r < 0.85 ? 2 : r < 0.95 ? 4 : 8, is24h: rnd() < 0.3 };
  });
}

/** Brute force: filter and measure every point, keep the nearest `limit`. */
function bruteForce(points: NearestPoint[], q: NearestQuery): number[] {
  const best: [number, number][] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if ((p.all & (q.all ?? 0)) !== (q.all ?? 0) || (q.only24h && !p.is24h)) continue;
    const d = haversine(q.lng, q.lat, p.lng, p.lat);
    if (best.length === q.limit && d >= best[best.length - 1][0]) continue;
    let k = best.length === q.limit ? best.length - 1 : best.length;
    for (; k > 0 && best[k - 1][0] > d; k--) best[k] = best[k - 1];
    best[k] = [d, i];
  }
  return best.map((b) => b[1]);
}

/** Mean µs per call of `run` over `queries`, the best of `rounds` (after one warm-up round). */
function timePerQuery(queries: NearestQuery[], run: (q: NearestQuery) => unknown, rounds = 3): number {
  let best = Infinity;
  for (let r = 0; r <= rounds; r++) {
    const t = performance.now();
    for (const q of queries) run(q);
    if (r > 0) best = Math.min(best, ((performance.now() - t) * 1000) / queries.length);
  }
  return best;
}

const FILTERS: [string, Partial<NearestQuery>][] = [
  ['no filter', {}], ['24h (~30 %)', { only24h: true }], ['rare amenity (~0.5 %)', { all: RARE }],
  ['rare amenity + 24h', { all: RARE, only24h: true }],
];

function benchNearest(rows: Row[]): void {
  for (const n of [10_000, 100_000, 1_000_000]) {
    const points = makePoints(n, n);
    const t = performance.now();
    const index = createNearestIndex(points);
    index.build(); // the filter trees too (otherwise built by the first query that uses them)
    if (n === 1_000_000) rows.push({ name: 'nearest index build, 1M', value: performance.now() - t, unit: 'ms' });
    const rnd = random(7);
    const queries = Array.from({ length: 20_000 }, () => place(rnd));
    for (const [label, filter] of FILTERS) {
      const qs = queries.map(([lng, lat]) => ({ lng, lat, limit: 10, ...filter }));
      rows.push({ name: `nearest-10 ${label}, ${n / 1000}k`, value: timePerQuery(qs, index.query), unit: 'µs/query' });
      const few = qs.slice(0, Math.max(10, 2e6 / n));
      const brute = timePerQuery(few, (q) => bruteForce(points, q), 1);
      rows.push({ name: `brute force ${label}, ${n / 1000}k`, value: brute, unit: 'µs/query' });
    }
  }
}

function benchBuild400k(rows: Row[]): NearestPoint[] {
  const points = makePoints(400_000, 400);
  let t = performance.now();
  createNearestIndex(points).build();
  rows.push({ name: 'nearest index build, 400k', value: performance.now() - t, unit: 'ms' });
  return points;
}

/** A 1280 × 800 px map centred on (lng, lat) at zoom z, as Leaflet would ask for it. */
function viewportBox(lng: number, lat: number, z: number): BBox {
  const scale = 256 * 2 ** z, x = (lng + 180) / 360;
  const y = 0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI);
  const toLat = (v: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * v))) * 180) / Math.PI;
  return [(x - 640 / scale) * 360 - 180, toLat(y + 400 / scale), (x + 640 / scale) * 360 - 180, toLat(y - 400 / scale)];
}

function benchViewport(rows: Row[], points: NearestPoint[]): void {
  const props = (i: number) => ({ id: `st-${i.toString(36)}`, name: `工会驿站 ${i}`, is24h: points[i].is24h });
  const viewport = createViewportIndex(points, { properties: props });
  const t = performance.now();
  viewport.build();
  rows.push({ name: 'viewport index build, 400k', value: performance.now() - t, unit: 'ms' });
  for (const z of [3, 6, 9, 12, 15]) {
    const [lng, lat] = z === 3 ? [104, 35] : CITIES[0]; // China at zoom 3, else the densest city
    const bbox = viewportBox(lng, lat, z);
    const run = () => JSON.stringify(viewport.query(bbox, z));
    const us = timePerQuery(Array.from({ length: 300 }, () => ({ lng, lat, limit: 0 })), run);
    const json = run();
    const count = viewport.query(bbox, z).features.length;
    rows.push({ name: `viewport z${z}, 400k (query + JSON)`, value: us, unit: 'µs', note: `${count} features` });
    rows.push({ name: `viewport z${z}, 400k gzipped`, value: gzipSync(json).length / 1024, unit: 'KB' });
  }
}

/** One haversine call: a yardstick for how busy the machine was during the run. */
function benchHaversine(rows: Row[]): void {
  let sink = 0;
  const t = performance.now();
  for (let k = 0; k < 5e6; k++) sink += haversine(116 + (k % 1000) * 1e-3, 39.9, 121.47, 31.23);
  rows.push({ name: 'haversine (yardstick)', value: ((performance.now() - t) * 1e6) / 5e6, unit: 'ns/call', note: sink > 0 ? undefined : '' });
}

/** Every geo benchmark, as table rows. */
export async function benchGeo(): Promise<Row[]> {
  const rows: Row[] = [];
  benchHaversine(rows);
  benchNearest(rows);
  const points = benchBuild400k(rows);
  benchViewport(rows, points);
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchGeo();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const value = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
    console.log(`${r.name.padEnd(width)}  ${value.padStart(9)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
  }
}
