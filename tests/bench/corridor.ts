/**
 * Corridor benchmarks: a 1,200 km Beijing → Shanghai route (the G2 expressway's towns, a few
 * thousand vertices with road-like wiggles) × 10 km over 400 k demo stations — ms per query
 * against a brute-force scan, index build, equality with the oracle — and the tiles a 1,000 km
 * corridor 10 km wide needs at zooms 8–14. Queries are timed as the index answers them, as columns
 * (`hits`); the API makes one object per hit of a page on top. Run alone with `npx tsx tests/bench/corridor.ts`.
 */
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { maskOf, AMENITY_KEYS } from '../../data/catalog';
import { generateDemo } from '../../data/demo/generate';
import { createCorridorIndex, prepareRoute, routeCache, type CorridorHit, type CorridorQuery, type Route } from '../../data/geo/corridor';
import { AVERAGE_TILE_BYTES, corridorTileCounts } from '../../data/geo/corridor-tiles';
import { haversine } from '../../data/geo/haversine';
import type { NearestPoint } from '../../data/geo/nearest';
import { simplifyLine } from '../../data/geo/simplify';
import { corridorOracle } from '../unit/geo-corridor-oracle';
import { median, printTable, type Row } from './table';

// Beijing, Tianjin, Cangzhou, Dezhou, Jinan, Tai'an, Linyi, Huai'an, Yangzhou, Jiangyin, Wuxi, Suzhou, Shanghai
const G2: [number, number][] = [
  [116.41, 39.9], [117.2, 39.13], [116.84, 38.3], [116.36, 37.44], [117.0, 36.65], [117.09, 36.19],
  [118.35, 35.05], [119.02, 33.61], [119.41, 32.39], [120.28, 31.91], [120.3, 31.57], [120.59, 31.3], [121.47, 31.23],
];

/** A road-like polyline through `towns`: vertices every `stepM` metres, wiggling a few hundred metres. */
export function roadThrough(towns: [number, number][], stepM = 300): [number, number][] {
  const line: [number, number][] = [towns[0]];
  for (let k = 1; k < towns.length; k++) {
    const [aLng, aLat] = towns[k - 1], [bLng, bLat] = towns[k];
    const steps = Math.ceil(haversine(aLng, aLat, bLng, bLat) / stepM);
    for (let j = 1; j <= steps; j++) {
      const f = j / steps, wiggle = j === steps ? 0 : 0.004 * Math.sin(j / 7) * Math.sin(j / 23);
      line.push([aLng + f * (bLng - aLng) - wiggle * (bLat - aLat), aLat + f * (bLat - aLat) + wiggle * (bLng - aLng)]);
    }
  }
  return line;
}

/** The first `metres` of a line. */
function cut(line: [number, number][], metres: number): [number, number][] {
  let along = 0;
  for (let k = 1; k < line.length; k++) {
    along += haversine(line[k - 1][0], line[k - 1][1], line[k][0], line[k][1]);
    if (along >= metres) return line.slice(0, k + 1);
  }
  return line;
}

const same = (a: CorridorHit[], b: CorridorHit[]) =>
  a.length === b.length && a.every((h, k) => h.i === b[k].i && h.along === b[k].along && h.offset === b[k].offset);

/** The corridor rows (see the file comment). */
export async function benchCorridor(): Promise<Row[]> {
  const stations = generateDemo({ stations: 400_000, merchants: 0 }).stations;
  const points: NearestPoint[] = stations.map((s) => ({
    lng: s.lng, lat: s.lat, all: maskOf(AMENITY_KEYS, s.amenities), any: 1, is24h: s.opening_hours === '24/7',
  }));
  const line = roadThrough(G2);
  const route = prepareRoute(line);
  let t = performance.now();
  const index = createCorridorIndex(points);
  const buildMs = performance.now() - t;

  const q = { width: 10_000 };
  const times = (run: () => unknown, rounds: number) =>
    Array.from({ length: rounds + 1 }, () => ((t = performance.now()), run(), performance.now() - t)).slice(1);
  let hits: CorridorHit[] = [];
  const queryMs = median(times(() => index.hits(line, q), 25));
  hits = index.query(line, q);
  // a query with a Route reads on from the walk the last query of that Route object left (pages):
  // every timed query below gets a route prepared afresh (outside the timing), never one asked before
  const fresh = (rounds: number) => Array.from({ length: rounds + 1 }, () => prepareRoute(line));
  const onFresh = (rounds: number, run: (r: Route) => unknown) => {
    const routes = fresh(rounds);
    return median(times(() => run(routes.pop()!), rounds));
  };
  const preparedMs = onFresh(25, (r) => index.hits(r, q));
  const shower = { width: 10_000, all: maskOf(AMENITY_KEYS, ['shower', 'truck_parking']) };
  const filteredMs = median(times(() => index.hits(line, shower), 25));
  const prepareMs = median(times(() => prepareRoute(line), 25));
  let paged: CorridorHit[] = [], pages = 0, count = 0;
  /**
   * Every page of 2,000 (the API cap), each after the last hit of the page before, each asked with
   * `routeOf(page)`, as the columns the index returns. Timed runs only count the hits, as the API
   * sends each page and lets it go; `keep` collects them as objects, for the oracle.
   */
  const enumerate = (routeOf: (page: number) => Route, keep = false) => {
    paged = [];
    pages = count = 0;
    for (let after: CorridorQuery['after']; ; pages++) {
      const page = index.hits(routeOf(pages), { width: 10_000, limit: 2000, after });
      count += page.size;
      if (keep) paged.push(...page.toArray());
      if (page.size < 2000) break;
      const last = page.at(page.size - 1);
      after = { along: last.along, offset: last.offset, tieAfter: (i) => i > last.i };
    }
  };
  const allPagesMs = onFresh(25, (r) => enumerate(() => r));
  const allPagesCount = count;
  const sampled = fresh(2);
  const garbageKB = (await bytesAllocated(() => sampled.forEach((r) => enumerate(() => r)))) / sampled.length / 1024;
  const apiPagesMs = median(times(() => { // as POST /api/corridor pages: each request brings the line, a cache of prepared routes finds it
    const prepared = routeCache();
    enumerate(() => prepared(line));
  }, 25));
  const freshPagesMs = median(times(() => enumerate(() => prepareRoute(line)), 3)); // a new Route for every page: each walks from its chunk again
  const pagedRuns: CorridorHit[][] = [];
  enumerate(() => prepareRoute(line), true);
  pagedRuns.push(paged);
  const prepared = routeCache();
  enumerate(() => prepared(line), true);
  pagedRuns.push(paged);
  const onePrepared = prepareRoute(line);
  enumerate(() => onePrepared, true);

  let oracle: CorridorHit[] = [];
  const bruteMs = median(times(() => (oracle = corridorOracle(points, line, q)), 1));
  const equal = same(hits, oracle) && same(index.query(line, shower), corridorOracle(points, line, shower)) && [...pagedRuns, paged].every((p) => same(p, oracle));
  const simplified = simplifyLine(line, 5);
  const firstPage = onFresh(25, (r) => index.hits(r, { width: 10_000, limit: 500 }));
  const pwaPage = onFresh(25, (r) => index.hits(r, { width: 10_000, limit: 2000 }));
  let sink = 0;
  t = performance.now();
  for (let k = 0; k < 5e6; k++) sink += haversine(116 + (k % 1000) * 1e-3, 39.9, 121.47, 31.23);
  const yardstick = ((performance.now() - t) * 1e6) / 5e6;

  const tiles = corridorTileCounts(cut(line, 1_000_000), 10_000, 8, 14);
  const total = tiles.reduce((s, c) => s + c.tiles, 0);
  // what the PWA's "save for offline" asks for at its default width (2 km): z5 up to each detail level
  const saves = [10, 12, 14].map((top) => ({ top, tiles: corridorTileCounts(cut(line, 1_000_000), 2000, 5, top).reduce((s, c) => s + c.tiles, 0) }));
  return [
    { name: 'haversine (yardstick)', value: yardstick, unit: 'ns/call', note: sink > 0 ? 'how busy the machine was' : '' },
    { name: 'route vertices', value: line.length, unit: '', note: `${(route.length / 1000).toFixed(0)} km; ${simplified.length} after simplifyLine(5 m)` },
    { name: 'corridor index build, 400 k', value: buildMs, unit: 'ms' },
    { name: 'corridor 10 km, 400 k', value: queryMs, unit: 'ms', note: `median of 25; ${hits.length} hits; budget 20 ms` },
    { name: 'same, route prepared once', value: preparedMs, unit: 'ms', note: 'a route not asked before' },
    { name: 'prepareRoute', value: prepareMs, unit: 'ms' },
    { name: 'same, shower + truck parking', value: filteredMs, unit: 'ms' },
    { name: 'same, first 500 in route order', value: firstPage, unit: 'ms', note: 'the API default page' },
    { name: 'same, first 2,000 in route order', value: pwaPage, unit: 'ms', note: 'what the PWA asks for (the API cap)' },
    { name: 'every page of 2,000 (cursor paging)', value: allPagesMs, unit: 'ms', note: `median of 25; ${pages + 1} pages, ${allPagesCount} hits; budget 20 ms in total` },
    { name: 'garbage per enumeration', value: garbageKB, unit: 'KB', note: 'heap sampling; mostly the pages themselves (21 pages of 2,000 hits as columns, 40 KB each)' },
    { name: 'same, as the API pages (routeCache per line)', value: apiPagesMs, unit: 'ms', note: 'median of 25; the line prepared on the first page, found again on the next' },
    { name: 'same, a new Route for every page', value: freshPagesMs, unit: 'ms', note: 'median of 3; what paging costs when the route is not found again' },
    { name: 'brute force (oracle)', value: bruteMs, unit: 'ms', note: `×${(bruteMs / queryMs).toFixed(0)} slower` },
    { name: 'identical to the oracle (one pass, filtered, every paging)', value: equal ? 1 : 0, unit: equal ? 'yes' : 'NO' },
    ...tiles.map((c) => ({ name: `tiles 1,000 km × 10 km, z${c.zoom}`, value: c.tiles, unit: 'tiles', note: `${(c.bytes / 1e6).toFixed(1)} MB` })),
    { name: 'tiles z8–14 total', value: total, unit: 'tiles', note: `${((total * AVERAGE_TILE_BYTES) / 1e6).toFixed(0)} MB at ${AVERAGE_TILE_BYTES / 1000} KB a tile` },
    ...saves.map((x) => ({ name: `save 1,000 km × 2 km, z5–${x.top}`, value: x.tiles, unit: 'tiles', note: `${((x.tiles * AVERAGE_TILE_BYTES) / 1e6).toFixed(0)} MB (the PWA's detail levels)` })),
  ];
}

/** Bytes `run` allocates on the JS heap (collected since or not), by V8's sampling heap profiler. */
async function bytesAllocated(run: () => void): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    run();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    let bytes = 0;
    const walk = (node: typeof profile.head): void => {
      bytes += node.selfSize;
      node.children.forEach(walk);
    };
    walk(profile.head);
    return bytes;
  } finally {
    session.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) printTable('corridor (in-process)', await benchCorridor());
