// Online and offline answers to the same question are the same: the API through app.request, and
// the PWA's offline engine over the copy that /api/sync gave it (in fake-indexeddb), at one instant.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS } from '../../data/catalog';
import { DEMO_CITIES } from '../../data/demo/cities';
import { generateDemo } from '../../data/demo/generate';
import { Random } from '../../data/demo/random';
import { canonicalMerchant, canonicalStation } from '../../data/records';
import { openDb } from '../../web/lib/db';
import { idLookup, loadEngine, type Engine } from '../../web/lib/offline-engine';
import { syncOnce } from '../../web/lib/sync';
import { NOW, getJson, station, testEnv, type TestEnv } from '../api/helpers';

let env: TestEnv;
let engine: Engine;
let db: Awaited<ReturnType<typeof openDb>>;
const rnd = new Random(7);
let demoTypes: string[] = [];

beforeAll(async () => {
  const demo = generateDemo({ stations: 3000, merchants: 600 });
  const odd = [
    station({ id: 'odd-closed', lat: 32.0605, lng: 118.797, status: 'closed' }),
    station({ id: 'odd-paused', lat: 32.0606, lng: 118.7971, status: 'temporarily_closed', opening_hours: '24/7' }),
    station({ id: 'odd-urumqi', lat: 32.0607, lng: 118.7972, opening_hours: 'Mo-Su 09:00-19:00', timezone: 'Asia/Urumqi' }),
    station({ id: 'odd-unknown', lat: 32.0608, lng: 118.7973 }),
    // notices (one current job fair, one ended), an amenity out of order, visitor confirmations
    station({
      id: 'odd-notices', lat: 32.0609, lng: 118.7974, amenities: ['drinking_water', 'microwave'], amenities_unavailable: ['microwave'],
      confirmed_on: ['2026-11-20T03:00:00.000Z', '2026-10-01T03:00:00.000Z'],
      notices: [
        { id: 'n1', kind: 'job', title: '周六招聘会', body: '<b>x</b>', starts: '2026-11-28T09:00', ends: '2026-11-28T12:00', created_at: '2026-11-22T00:00:00.000Z', updated_at: '2026-11-22T00:00:00.000Z' },
        { id: 'n2', kind: 'legal_aid', title: '律师咨询', body: '', ends: '2026-11-22', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z' },
      ],
    }),
    station({
      id: 'odd-relief', lat: 31.2304, lng: 121.4737, notices: [
        { id: 'n3', kind: 'relief', title: '冬送温暖', body: '热饭', starts: '2026-11-01', ends: '2026-12-31', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z' },
      ],
    }),
  ];
  demoTypes = [...new Set(demo.stations.map((s) => s.type))];
  env = await testEnv([...demo.stations.map((s) => canonicalStation(s, s.updated_at)), ...odd], demo.merchants.map((m) => canonicalMerchant(m, m.updated_at)));
  db = await openDb('equality');
  await syncOnce({ db, baseUrl: 'http://test', fetch: async (url) => env.app.request(String(url)), now: () => NOW.getTime() });
  engine = (await loadEngine(db))!;
});
afterAll(() => env?.close());

const pick = <T>(a: readonly T[]) => a[Math.floor(rnd.next() * a.length)];
const some = (keys: readonly string[], max: number) => Array.from({ length: Math.floor(rnd.next() * (max + 1)) }, () => pick(keys));

/** A position near a demo city (or Nanjing's odd stations), as the app would send it. */
function position() {
  const c = rnd.next() < 0.2 ? { lng: 118.7969, lat: 32.0603 } : pick(DEMO_CITIES);
  return { lng: c.lng + (rnd.next() - 0.5) * 0.4, lat: c.lat + (rnd.next() - 0.5) * 0.4 };
}

const qs = (o: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(o).flatMap(([k, v]) => (v === undefined || (Array.isArray(v) && !v.length) ? [] : [[k, Array.isArray(v) ? v.join(',') : String(v)]]))).toString();

describe('online = offline', () => {
  it('nearest stations with every filter: same ids, order, distance, openNow, is24h, records', async () => {
    let nonEmpty = 0;
    for (let k = 0; k < 150; k++) {
      const p = position();
      const q = {
        lat: p.lat.toFixed(6), lng: p.lng.toFixed(6), limit: pick([10, 20, 100]), maxDistance: pick([undefined, 5000, 20_000, 500_000]),
        open: pick([undefined, undefined, 'now', '24h'] as const), amenities: [...new Set(some(AMENITY_KEYS, 2))], types: [...new Set(some(demoTypes, 2))],
      };
      const online = (await getJson(env, `/api/stations/nearest?${qs(q)}`)).body.items;
      const offline = await engine.nearestStations({ ...q, lat: p.lat, lng: p.lng }, NOW);
      expect(offline, qs(q)).toEqual(online);
      if (online.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('nearest merchants with categories and open now, offers current today', async () => {
    for (let k = 0; k < 60; k++) {
      const p = position();
      const q = { lat: p.lat.toFixed(6), lng: p.lng.toFixed(6), limit: 20, maxDistance: pick([20_000, 100_000]), open: pick([undefined, 'now'] as const), categories: some(MERCHANT_CATEGORY_KEYS, 1) };
      const online = (await getJson(env, `/api/merchants/nearest?${qs(q)}`)).body.items;
      expect(await engine.nearestMerchants({ ...q, lat: p.lat, lng: p.lng }, NOW), qs(q)).toEqual(online);
    }
  });

  it('notices: the notices filter, noticeKinds, working amenities, confirmations, current notices in the detail', async () => {
    for (const q of [
      { lat: 32.0603, lng: 118.7969, limit: 10, notices: ['job'] },
      { lat: 32.0603, lng: 118.7969, limit: 10, notices: ['legal_aid'] },
      { lat: 32.0603, lng: 118.7969, limit: 10, maxDistance: 1000, amenities: ['microwave'] },
      { lat: 32.0603, lng: 118.7969, limit: 10, notices: ['relief', 'job'] },
    ]) {
      const online = (await getJson(env, `/api/stations/nearest?${qs(q)}`)).body.items;
      expect(await engine.nearestStations(q, NOW), qs(q)).toEqual(online);
    }
    const jobs = (await getJson(env, `/api/stations/nearest?lat=32.0603&lng=118.7969&notices=job,relief&fields=full`)).body.items; // whole records
    expect(jobs.map((s: { id: string }) => s.id)).toEqual(['odd-notices', 'odd-relief']);
    expect(jobs[0]).toMatchObject({ noticeKinds: ['job'], confirmations: { count: 1, last: '2026-11-20T03:00:00.000Z' } });
    expect(jobs[0].notices).toBeUndefined();
    expect((await getJson(env, `/api/stations/nearest?lat=32.0603&lng=118.7969&notices=legal_aid`)).body.items).toEqual([]);
    const detail = (await getJson(env, '/api/stations/odd-notices')).body.station;
    expect(detail.notices.map((n: { id: string }) => n.id)).toEqual(['n1']);
    expect(await engine.station('odd-notices', NOW)).toEqual(detail);
    // by the phone's clock, after the fair's end (Saturday 12:00 in Shanghai), with no network: gone
    const after = new Date('2026-11-28T04:00:00Z');
    const later = await engine.nearestStations({ lat: 32.0603, lng: 118.7969, limit: 10 }, after);
    expect(later.find((s) => s.id === 'odd-notices')).toMatchObject({ noticeKinds: [] });
    expect(await engine.nearestStations({ lat: 32.0603, lng: 118.7969, limit: 10, notices: ['job'] }, after)).toEqual([]);
    expect((await engine.station('odd-notices', after))!.notices).toEqual([]);
  });

  it('the odd stations: closed left out, paused never open, another zone, unknown hours', async () => {
    const q = { lat: 32.0603, lng: 118.7969, limit: 10, maxDistance: 1000 };
    const online = (await getJson(env, `/api/stations/nearest?${qs(q)}`)).body.items;
    const offline = await engine.nearestStations(q, NOW);
    expect(offline).toEqual(online);
    expect(offline.map((s) => s.id)).not.toContain('odd-closed');
    expect(offline.find((s) => s.id === 'odd-paused')).toMatchObject({ openNow: false, is24h: false });
    expect(offline.find((s) => s.id === 'odd-unknown')).toMatchObject({ openNow: null });
  });

  it('details by id, including a permanently closed station', async () => {
    for (const id of ['odd-closed', 'odd-paused', ...Array.from({ length: 20 }, () => `demo-s-${Math.floor(rnd.next() * 3000)}`)]) {
      const online = await getJson(env, `/api/stations/${id}`);
      if (online.status === 404) expect(await engine.station(id, NOW)).toBeUndefined();
      else expect(await engine.station(id, NOW)).toEqual(online.body.station);
    }
    const merchants = (await getJson(env, `/api/merchants/nearest?lat=32.06&lng=118.79&limit=20&maxDistance=2000000`)).body.items;
    for (const m of merchants) expect(await engine.merchant(m.id, NOW)).toEqual((await getJson(env, `/api/merchants/${m.id}`)).body.merchant);
  });

  it('ids are looked up by a scan until the id table is built (from the first lookup on), then by the table: the same answers', async () => {
    const ids = [...Array.from({ length: 5000 }, (_, k) => `demo-s-${k}`), 'odd-closed', '工会-1', ''];
    const look = idLookup(ids);
    const want = [...ids.map((_, i) => i), undefined, undefined];
    const asked = [...ids, 'demo-s-5000', 'nope'];
    expect(asked.map(look)).toEqual(want); // the first lookup starts the build; these scan
    await new Promise((resolve) => setTimeout(resolve, 0)); // a task: a table this small is built in one
    const spy = vi.spyOn(Array.prototype, 'indexOf');
    const again = asked.map(look), scans = spy.mock.calls.length;
    spy.mockRestore();
    expect(again).toEqual(want);
    expect(scans).toBe(0); // by the table
  });

  it('a first search asked strictly (online) is left to the network, and the copy builds its index meanwhile, for the next', async () => {
    const fresh = (await loadEngine(db))!; // no search asked of it yet
    const p = { lng: 118.7969, lat: 32.0603 };
    const online = (await getJson(env, `/api/search?${qs({ q: '驿站', lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) })}`)).body.items;
    expect(online.length).toBeGreaterThan(0);
    expect(await fresh.search('驿站', p, NOW, undefined, true)).toBeUndefined();
    await expect.poll(() => fresh.search('驿站', p, NOW, undefined, true), { timeout: 30_000 }).toEqual(online);
    // not strictly (offline): a copy without its index waits for it
    expect(await (await loadEngine(db))!.search('驿站', p, NOW)).toEqual(online);
  });

  it('the search box focused (prepareSearch): the copy builds its index before the first search, which it then answers', async () => {
    const fresh = (await loadEngine(db))!;
    const p = { lng: 118.7969, lat: 32.0603 };
    const online = (await getJson(env, `/api/search?${qs({ q: '工会', lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) })}`)).body.items;
    const built = fresh.prepareSearch(true); // a whole-country copy: its searches are its own even online
    expect(fresh.prepareSearch(true)).toBe(built); // asked again meanwhile: the same build
    await built;
    // a strict search declines only while the index is not built: the first search is the copy's
    expect(await fresh.search('工会', p, NOW, undefined, true)).toEqual(online);
  });

  it('search by name, id, pinyin, initials and several words', async () => {
    const names = (await getJson(env, `/api/stations/nearest?lat=32.06&lng=118.79&limit=5`)).body.items.map((s: { name: string }) => s.name);
    for (const q of ['驿站', '司机之家', names[0].slice(0, 3), names[1].slice(2, 5), 'odd-paused', '不存在', 'gonghui', 'sjzj', 'yizhan', `${names[0].slice(0, 2)} ${names[0].slice(-2)}`, '工会 驿站', 'zhan', '8折', '9折', '优惠', '会员优惠', '会员价']) {
      const p = position();
      const online = (await getJson(env, `/api/search?${qs({ q, lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) })}`)).body.items;
      expect(await engine.search(q, p, NOW), q).toEqual(online);
    }
  });

  it('map views: the same points up close; clusters that hold every listed station', async () => {
    const props = (fc: { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] }) =>
      fc.features.map((x) => JSON.stringify([x.geometry.coordinates, x.properties])).sort();
    const total = (fc: { features: { properties: Record<string, unknown> }[] }) =>
      fc.features.reduce((n, x) => n + Number(x.properties.point_count ?? 1), 0);
    for (const f of [{}, { open: '24h' as const }, { open: 'now' as const }, { amenities: ['drinking_water'], types: ['driver_home'] }]) {
      for (const bbox of [[118.78, 32.05, 118.81, 32.07], [118.7, 32, 118.9, 32.1]] as const) {
        const online = (await getJson(env, `/api/stations?${qs({ bbox: bbox.join(','), zoom: 16, ...f })}`)).body;
        expect(props(await engine.inView('stations', [...bbox], 16, f, NOW))).toEqual(props(online));
      }
      // Clusters group points greedily in index order, so their centres may differ; their counts add up the same.
      const online = (await getJson(env, `/api/stations?${qs({ bbox: '-180,-85,180,85', zoom: 3, ...f })}`)).body;
      expect(total(await engine.inView('stations', [-180, -85, 180, 85], 3, f, NOW))).toBe(total(online));
    }
  });

  it('places along a route with every filter: same items, order, along, offset, truncation, next page', async () => {
    let nonEmpty = 0, paged = 0;
    for (let k = 0; k < 40; k++) {
      const line = Array.from({ length: 2 + Math.floor(rnd.next() * 6) }, position).map((p): [number, number] => [Number(p.lng.toFixed(6)), Number(p.lat.toFixed(6))]);
      const q = {
        line, width: pick([500, 2000, 10_000]), kinds: pick([undefined, ['stations'], ['merchants']] as const)?.slice(),
        open: pick([undefined, undefined, 'now', '24h'] as const), amenities: [...new Set(some(AMENITY_KEYS, 1))], types: [...new Set(some(STATION_TYPE_KEYS, 1))],
        categories: [...new Set(some(MERCHANT_CATEGORY_KEYS, 1))], limit: pick([undefined, 30, 5]),
      };
      const res = await env.app.request('/api/corridor', { method: 'POST', body: JSON.stringify(q), headers: { 'content-type': 'application/json' } });
      const online = await res.json();
      expect(res.status).toBe(200);
      expect(await engine.corridor(q, NOW), JSON.stringify(q)).toEqual(online);
      if (online.items.length) nonEmpty++;
      if (online.next) { // the next page, from a cursor either side gave
        const more = { ...q, cursor: online.next };
        const page = await Promise.resolve(env.app.request('/api/corridor', { method: 'POST', body: JSON.stringify(more), headers: { 'content-type': 'application/json' } })).then((r) => r.json());
        expect(await engine.corridor(more, NOW), JSON.stringify(more)).toEqual(page);
        paged++;
      }
    }
    // and one question that surely pages: a small page along a dense stretch (Nanjing → Shanghai)
    const dense = { line: [[118.78, 32.04], [121.47, 31.23]] as [number, number][], width: 10_000, limit: 5 };
    const first = await (await env.app.request('/api/corridor', { method: 'POST', body: JSON.stringify(dense), headers: { 'content-type': 'application/json' } })).json();
    expect(first.next).toBeDefined();
    const second = { ...dense, cursor: first.next };
    const page2 = await (await env.app.request('/api/corridor', { method: 'POST', body: JSON.stringify(second), headers: { 'content-type': 'application/json' } })).json();
    expect(await engine.corridor(second, NOW)).toEqual(page2);
    expect(page2.items.length).toBeGreaterThan(0);
    expect(nonEmpty).toBeGreaterThan(15);
    expect(paged).toBeGreaterThan(0);
    expect(await engine.corridor({ line: [[118.8, 32]], width: 1000 }, NOW)).toBeUndefined(); // the API refuses a one-point line
  });
});
