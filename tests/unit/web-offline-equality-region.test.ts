// A regional offline copy answers as the API does within the area it copied: nearest (whenever
// the answer's farthest place is nearer than the region's edge, nothing outside could have come
// first), details, the map up close, and routes inside it — also after a whole-country delta
// clipped to the region. The API through app.request; the copy in fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMENITY_KEYS } from '../../data/catalog';
import { DEMO_CITIES } from '../../data/demo/cities';
import { generateDemo } from '../../data/demo/generate';
import { Random } from '../../data/demo/random';
import { haversine } from '../../data/geo/haversine';
import { canonicalMerchant, canonicalStation } from '../../data/records';
import { inBox, type SyncRegion } from '../../data/sync-region';
import { openDb, putRoute, readCopyMeta, type Db } from '../../web/lib/db';
import { loadEngine, type Engine } from '../../web/lib/offline-engine';
import { syncOnce } from '../../web/lib/sync';
import { NOW, getJson, station, testEnv, type TestEnv } from '../api/helpers';

let env: TestEnv;
let db: Db;
let engine: Engine;
let region: SyncRegion;
const rnd = new Random(13);
const NANJING: [number, number] = [118.7969, 32.0603];
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd.next() * a.length)];
const qs = (o: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(o).flatMap(([k, v]) => (v === undefined || (Array.isArray(v) && !v.length) ? [] : [[k, Array.isArray(v) ? v.join(',') : String(v)]]))).toString();
const sync = () => syncOnce({ db, want: 'region', near: NANJING, baseUrl: 'http://test', fetch: async (url) => env.app.request(String(url)), now: () => NOW.getTime() });

/** Metres from a point to the nearest edge of the region's box (along a meridian or a parallel: a lower bound is enough here). */
function toEdge(lng: number, lat: number): number {
  const [w, s, e, n] = region.bbox;
  return Math.min(haversine(lng, lat, lng, s), haversine(lng, lat, lng, n), haversine(lng, lat, w, lat) * 0.99, haversine(lng, lat, e, lat) * 0.99);
}

/** A position inside the region, near a demo city there or anywhere in it. */
function position() {
  const cities = DEMO_CITIES.filter((c) => inBox(region.bbox, c.lng, c.lat));
  const c = rnd.next() < 0.7 ? pick(cities) : { lng: region.bbox[0] + rnd.next() * (region.bbox[2] - region.bbox[0]), lat: region.bbox[1] + rnd.next() * (region.bbox[3] - region.bbox[1]) };
  return { lng: c.lng + (rnd.next() - 0.5) * 0.4, lat: c.lat + (rnd.next() - 0.5) * 0.4 };
}

beforeAll(async () => {
  const demo = generateDemo({ stations: 3000, merchants: 600 });
  env = await testEnv(demo.stations.map((s) => canonicalStation(s, s.updated_at)), demo.merchants.map((m) => canonicalMerchant(m, m.updated_at)));
  db = await openDb('equality-region');
  await sync();
  region = (await readCopyMeta(db))!.region!;
  engine = (await loadEngine(db))!;
});
afterAll(() => env?.close());

describe('a regional copy: online = offline inside the region', () => {
  it('holds the region only (not the country)', () => {
    expect(region.radius).toBeGreaterThan(0);
    expect(engine.counts.stations).toBeGreaterThan(50);
    expect(engine.counts.stations).toBeLessThan(3000 / 2);
  });

  it('nearest stations with filters, wherever the answer lies within the region', async () => {
    let compared = 0;
    for (let k = 0; k < 200; k++) {
      const p = position();
      const q = { lat: p.lat.toFixed(6), lng: p.lng.toFixed(6), limit: pick([5, 10, 20]), open: pick([undefined, 'now', '24h'] as const), amenities: rnd.next() < 0.3 ? [pick(AMENITY_KEYS)] : [] };
      const online = (await getJson(env, `/api/stations/nearest?${qs(q)}`)).body.items as { distance: number }[];
      // asked strictly (online), the copy answers only what it holds whole: then exactly the API's answer
      const strict = await engine.nearestStations({ ...q, lat: p.lat, lng: p.lng }, NOW, true);
      if (strict !== undefined) expect(strict, qs(q)).toEqual(online);
      const reach = online.length === q.limit ? online[online.length - 1].distance : Infinity;
      if (!(reach < toEdge(p.lng, p.lat))) continue; // a place outside the region might belong in the answer
      expect(await engine.nearestStations({ ...q, lat: p.lat, lng: p.lng }, NOW), qs(q)).toEqual(online);
      compared++;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('details of every station in the region; none from outside', async () => {
    const inside = (await getJson(env, `/api/stations/nearest?lat=${NANJING[1]}&lng=${NANJING[0]}&limit=20`)).body.items as { id: string }[];
    for (const { id } of inside) expect(await engine.station(id, NOW)).toEqual((await getJson(env, `/api/stations/${id}`)).body.station);
    const lanzhou = (await getJson(env, '/api/stations/nearest?lat=36.0611&lng=103.8343&limit=5')).body.items as { id: string }[];
    for (const { id } of lanzhou) expect(await engine.station(id, NOW)).toBeUndefined();
  });

  it('asked strictly (the network is there), it declines what it cannot answer whole: far away, the country, names', async () => {
    expect(await engine.nearestStations({ lat: 36.0611, lng: 103.8343, limit: 10 }, NOW, true)).toBeUndefined();
    expect(await engine.nearestStations({ lat: 36.0611, lng: 103.8343, limit: 10 }, NOW)).toHaveLength(10); // offline: what it has
    expect(await engine.nearestStations({ lat: NANJING[1], lng: NANJING[0], limit: 10 }, NOW, true)).toHaveLength(10);
    expect(await engine.inView('stations', [73, 18, 135, 53], 4, {}, NOW, true)).toBeUndefined();
    expect(await engine.inView('stations', [118.7, 32, 118.9, 32.1], 16, {}, NOW, true)).toBeDefined();
    expect(await engine.search('驿站', { lng: NANJING[0], lat: NANJING[1] }, NOW, undefined, true)).toBeUndefined();
    expect(engine.prepareSearch(true)).toBeUndefined(); // the search box focused online: nothing to build, the network answers
    const far = { line: [[118.78, 32.04], [103.83, 36.06]] as [number, number][], width: 5000 };
    expect(await engine.corridor(far, NOW, true)).toBeUndefined();
    expect(await engine.corridor({ ...far, line: [[118.78, 32.04], [119.0, 32.2]] }, NOW, true)).toBeDefined();
  });

  it('a route saved far from the region: its places\' details come from the saved list when offline', async () => {
    const q = { line: [[103.7, 36.0], [103.95, 36.1]] as [number, number][], width: 10_000 };
    const res = await env.app.request('/api/corridor', { method: 'POST', body: JSON.stringify(q), headers: { 'content-type': 'application/json' } });
    const answer = await res.json();
    const stations = answer.items.filter((i: { kind: string }) => i.kind === 'station');
    expect(stations.length).toBeGreaterThan(0);
    await putRoute(db, { id: 'lanzhou', name: '兰州', createdAt: 0, line: q.line, length: answer.length, width: q.width, query: {}, items: answer.items, tiles: null, bytes: 0 });
    engine = (await loadEngine(db))!;
    for (const item of stations) {
      const online = (await getJson(env, `/api/stations/${item.id}`)).body.station;
      expect(await engine.station(item.id, NOW)).toEqual({ ...online, notices: [] });
      expect(await engine.station(item.id, NOW, true)).toBeUndefined(); // online: the server's answer
    }
    for (const item of answer.items.filter((i: { kind: string }) => i.kind === 'merchant')) {
      expect(await engine.merchant(item.id, NOW)).toEqual((await getJson(env, `/api/merchants/${item.id}`)).body.merchant);
    }
  });

  it('the map up close and a route inside the region', async () => {
    const props = (fc: { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] }) =>
      fc.features.map((x) => JSON.stringify([x.geometry.coordinates, x.properties])).sort();
    const bbox = [118.7, 32, 118.9, 32.1];
    const online = (await getJson(env, `/api/stations?${qs({ bbox: bbox.join(','), zoom: 16 })}`)).body;
    expect(online.features.length).toBeGreaterThan(0);
    expect(props(await engine.inView('stations', bbox as [number, number, number, number], 16, {}, NOW))).toEqual(props(online));
    const q = { line: [[118.78, 32.04], [119.0, 32.2], [119.4, 32.4]], width: 5000 };
    const res = await env.app.request('/api/corridor', { method: 'POST', body: JSON.stringify(q), headers: { 'content-type': 'application/json' } });
    expect(await engine.corridor(q as never, NOW)).toEqual(await res.json());
  });

  it('after a whole-country delta clipped to the region: still equal; moved-out and far records absent', async () => {
    const moved = (await getJson(env, `/api/stations/nearest?lat=${NANJING[1]}&lng=${NANJING[0]}&limit=1&fields=full`)).body.items[0];
    const { distance: _d, openNow: _o, is24h: _i, nextChange: _n, noticeKinds: _k, confirmations: _c, ...record } = moved;
    await env.store.upsertStations([
      canonicalStation({ ...record, lat: 36.06, lng: 103.83 }, NOW.toISOString()), // out to Lanzhou
      station({ id: 'new-near', lat: 32.07, lng: 118.8 }),
      station({ id: 'new-far', lat: 43.8, lng: 87.6 }),
    ]);
    await env.refresh();
    await syncOnce({ db, baseUrl: 'http://test', fetch: async (url) => env.app.request(String(url)), now: () => NOW.getTime() });
    engine = (await loadEngine(db))!;
    expect(await engine.station(moved.id, NOW)).toBeUndefined();
    expect(await engine.station('new-far', NOW)).toBeUndefined();
    expect(await engine.station('new-near', NOW)).toBeDefined();
    const q = { lat: '32.060300', lng: '118.796900', limit: 10 };
    const online = (await getJson(env, `/api/stations/nearest?${qs(q)}`)).body.items;
    expect(await engine.nearestStations({ ...q, lat: 32.0603, lng: 118.7969 }, NOW)).toEqual(online);
  });
});
