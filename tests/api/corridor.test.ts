import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, maskOf } from '../../data/catalog';
import { generateDemo } from '../../data/demo/generate';
import type { NearestPoint } from '../../data/geo/nearest';
import { is24h, openState } from '../../data/hours';
import { canonicalMerchant, canonicalStation } from '../../data/records';
import type { Merchant, Station } from '../../data/schema';
import { corridorOracle } from '../unit/geo-corridor-oracle';
import { NOW, merchant, station, testEnv, type TestEnv } from './helpers';

// Nanjing → Zhenjiang → Changzhou → Wuxi → Suzhou → Shanghai, and back into Suzhou (a second pass)
const LINE: [number, number][] = [
  [118.79, 32.06], [119.12, 32.15], [119.45, 32.2], [119.97, 31.81], [120.3, 31.57], [120.59, 31.3], [121.0, 31.28], [121.47, 31.23], [120.7, 31.32],
];

let env: TestEnv;
let stations: Station[];
let merchants: Merchant[];

beforeAll(async () => {
  const demo = generateDemo({ stations: 3000, merchants: 600 });
  stations = [
    ...demo.stations.map((s) => canonicalStation(s, s.updated_at)),
    station({ id: 'on-route', lng: 119.12, lat: 32.15, opening_hours: '24/7', type: 'driver_home', amenities: ['shower', 'truck_parking'] }),
    station({ id: 'before-start', lng: 118.75, lat: 32.06 }), // beyond the start, within 5 km: along 0
    station({ id: 'closed', lng: 119.13, lat: 32.15, status: 'closed' }),
    station({ id: 'temp-closed', lng: 119.14, lat: 32.15, status: 'temporarily_closed', opening_hours: '24/7' }),
  ];
  merchants = [
    ...demo.merchants.map((m) => canonicalMerchant(m, m.updated_at)),
    merchant({ id: 'tyres', lng: 119.46, lat: 32.2, category: 'tires', opening_hours: '24/7' }, [
      { title: '现行', valid_from: '2026-11-01', valid_to: '2026-12-31' },
      { title: '已过期', valid_to: '2026-11-22' },
    ]),
    merchant({ id: 'pending-shop', lng: 119.46, lat: 32.21, status: 'pending' }),
  ];
  env = await testEnv(stations, merchants);
});
afterAll(() => env.close());

const stationPoint = (s: Station): NearestPoint => ({
  lng: s.lng, lat: s.lat, all: maskOf(AMENITY_KEYS, s.amenities), any: maskOf(STATION_TYPE_KEYS, [s.type]),
  is24h: s.status !== 'temporarily_closed' && is24h(s.opening_hours),
});
const merchantPoint = (m: Merchant): NearestPoint => ({
  lng: m.lng, lat: m.lat, all: 0, any: maskOf(MERCHANT_CATEGORY_KEYS, [m.category]), is24h: is24h(m.opening_hours),
});
const openNow = (r: { status: string; opening_hours?: string }) =>
  r.status !== 'temporarily_closed' && (is24h(r.opening_hours) || openState(r.opening_hours, NOW).state === 'open');

/** What the API should answer: the corridor oracle over the records, rounded like the API. */
function expected(width: number, keepStation: (s: Station) => boolean, keepMerchant: ((m: Merchant) => boolean) | null) {
  const live = stations.filter((s) => s.status !== 'closed' && keepStation(s));
  const shops = keepMerchant ? merchants.filter((m) => m.status === 'approved' && keepMerchant(m)) : [];
  const round = (m: number) => Math.round(m * 10) / 10;
  return [
    ...corridorOracle(live.map(stationPoint), LINE, { width }).map((h) => ({ ...h, kind: 'station', id: live[h.i].id })),
    ...corridorOracle(shops.map(merchantPoint), LINE, { width }).map((h) => ({ ...h, kind: 'merchant', id: shops[h.i].id })),
  ]
    .sort((a, b) => a.along - b.along || a.offset - b.offset || (a.kind === b.kind ? 0 : a.kind === 'station' ? -1 : 1))
    .map((h) => ({ id: h.id, kind: h.kind, along: round(h.along), offset: round(h.offset) }));
}

async function post(body: unknown, type = 'application/json') {
  const res = await env.app.request('/api/corridor', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': type } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}
const slim = (items: { id: string; kind: string; along: number; offset: number }[]) => items.map(({ id, kind, along, offset }) => ({ id, kind, along, offset }));

describe('POST /api/corridor', () => {
  it('equals the oracle: stations and approved merchants in route order, with along and offset', async () => {
    const { status, body } = await post({ line: LINE, width: 5000, limit: 2000 });
    expect(status).toBe(200);
    const want = expected(5000, () => true, () => true);
    expect(want.length).toBeGreaterThan(50);
    expect(slim(body.items)).toEqual(want);
    expect(body.truncated).toBe(false);
    expect(body.length).toBeGreaterThan(350_000); // metres along the whole line
  });

  it('returns full records: station documents, merchants with offers valid today, open state', async () => {
    const { body } = await post({ line: LINE, width: 5000, limit: 2000 });
    const byId = Object.fromEntries(body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId['on-route']).toMatchObject({ kind: 'station', type: 'driver_home', amenities: ['shower', 'truck_parking'], openNow: true, is24h: true, offset: 0 });
    expect(byId['on-route'].name).toBeTruthy();
    expect(byId['before-start']).toMatchObject({ along: 0 });
    expect(byId['temp-closed']).toMatchObject({ openNow: false, is24h: false });
    expect(byId.closed).toBeUndefined();
    expect(byId['pending-shop']).toBeUndefined();
    expect(byId.tyres).toMatchObject({ kind: 'merchant', category: 'tires', openNow: true });
    expect(byId.tyres.offers.map((o: { title: string }) => o.title)).toEqual(['现行']);
    expect(byId.tyres.owner_id).toBeUndefined();
  });

  it('filters: kinds, open, amenities and types for stations, categories for merchants', async () => {
    const cases: [object, (s: Station) => boolean, ((m: Merchant) => boolean) | null][] = [
      [{ kinds: ['stations'] }, () => true, null],
      [{ kinds: ['merchants'], categories: ['tires', 'fuel'] }, () => false, (m) => ['tires', 'fuel'].includes(m.category)],
      [{ kinds: ['stations'], open: '24h' }, (s) => stationPoint(s).is24h, null],
      [{ open: 'now' }, openNow, openNow],
      [{ kinds: ['stations'], amenities: ['shower', 'truck_parking'], types: ['driver_home'] },
        (s) => s.type === 'driver_home' && s.amenities.includes('shower') && s.amenities.includes('truck_parking'), null],
    ];
    for (const [filters, keepS, keepM] of cases) {
      const { status, body } = await post({ line: LINE, width: 8000, limit: 2000, ...filters });
      expect(status).toBe(200);
      expect(slim(body.items)).toEqual(expected(8000, keepS, keepM));
    }
  });

  it('pages through everything with next/cursor: every place once, in route order, whatever the page size', async () => {
    for (const [width, filters] of [[8000, {}], [5000, { open: 'now' }], [8000, { kinds: ['merchants'] }]] as const) {
      const { body: whole } = await post({ line: LINE, width, limit: 2000, ...filters });
      expect(whole.truncated).toBe(false);
      expect(whole.next).toBeUndefined();
      for (const limit of [1, 7, 100]) {
        const seen: unknown[] = [];
        let cursor: string | undefined, pages = 0;
        do {
          const { status, body } = await post({ line: LINE, width, limit, ...filters, ...(cursor ? { cursor } : {}) });
          expect(status).toBe(200);
          expect(body.items.length).toBeLessThanOrEqual(limit);
          expect(body.truncated).toBe(body.next !== undefined);
          seen.push(...body.items);
          cursor = body.next;
          pages++;
        } while (cursor && pages < 2000);
        expect(seen).toEqual(whole.items); // the same items, records and all, in the same order
        expect(pages).toBe(Math.max(1, Math.ceil(whole.items.length / limit)));
      }
    }
  });

  it('pages through places at one position (ties of along and offset) without repeating or skipping', async () => {
    const twins = [station({ id: 'twin-a', lng: 119.3, lat: 32.3 }), station({ id: 'twin-b', lng: 119.3, lat: 32.3 }), station({ id: 'twin-c', lng: 119.3, lat: 32.3 })];
    const shops = [merchant({ id: 'twin-shop', lng: 119.3, lat: 32.3 })];
    const tied = await testEnv(twins, shops);
    try {
      const line = [[119.2, 32.2], [119.4, 32.2]];
      const all = await Promise.resolve(tied.app.request('/api/corridor', { method: 'POST', body: JSON.stringify({ line, width: 20_000 }), headers: { 'Content-Type': 'application/json' } })).then((r) => r.json());
      expect(all.items).toHaveLength(4);
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await Promise.resolve(tied.app.request('/api/corridor', { method: 'POST', body: JSON.stringify({ line, width: 20_000, limit: 1, cursor }), headers: { 'Content-Type': 'application/json' } })).then((r) => r.json());
        ids.push(...page.items.map((i: { id: string }) => i.id));
        cursor = page.next;
      } while (cursor);
      expect(ids).toEqual(all.items.map((i: { id: string }) => i.id));
    } finally {
      await tied.close();
    }
  });

  it('continues after the same place when the data changed between pages', async () => {
    const first = await post({ line: LINE, width: 8000, limit: 50, kinds: ['stations'] });
    const last = first.body.items.at(-1);
    const gone = stations.find((s) => s.id === last.id)!;
    await env.store.deleteStations([last.id]); // the page's last place goes, a new one comes near the end of the route
    await env.store.upsertStations([station({ id: 'late-new', lng: 121.0, lat: 31.28 }), station({ id: 'early-new', lng: 118.8, lat: 32.06 })]);
    env.refresh();
    try {
      const rest = await post({ line: LINE, width: 8000, limit: 2000, kinds: ['stations'], cursor: first.body.next });
      const ids = rest.body.items.map((i: { id: string }) => i.id);
      expect(rest.body.items[0].along).toBeGreaterThanOrEqual(last.along);
      expect(ids).toContain('late-new');
      expect(ids).not.toContain('early-new'); // before the cursor's place: not shown on later pages
      expect(ids).not.toContain(last.id);
      expect(ids.filter((id: string) => first.body.items.some((i: { id: string }) => i.id === id))).toEqual([]);
    } finally {
      await env.store.deleteStations(['late-new', 'early-new']);
      await env.store.upsertStations([gone]);
      env.refresh();
    }
  });

  it('cuts at the limit in route order and says so', async () => {
    const { body } = await post({ line: LINE, width: 8000, limit: 7 });
    expect(slim(body.items)).toEqual(expected(8000, () => true, () => true).slice(0, 7));
    expect(body.truncated).toBe(true);
  });

  const bad: [string, unknown, string][] = [
    ['line too short', { line: [[118.79, 32.06]], width: 1000 }, 'line'],
    ['line missing', { width: 1000 }, 'line'],
    ['line not positions', { line: 'Nanjing to Shanghai', width: 1000 }, 'line'],
    ['longitude out of range', { line: [[118.79, 32.06], [200, 32]], width: 1000 }, 'line.1.0'],
    ['latitude not a number', { line: [[118.79, '32.06'], [119, 32]], width: 1000 }, 'line.0.1'],
    ['latitude beyond the map', { line: [[118.79, 32.06], [119, 89]], width: 1000 }, 'line.1.1'],
    ['a position of one number', { line: [[118.79], [119, 32]], width: 1000 }, 'line.0.1'],
    ['too many positions', { line: Array.from({ length: 10_001 }, (_, k) => [118 + k * 1e-4, 32]), width: 1000 }, 'line'],
    ['width 0', { line: LINE, width: 0 }, 'width'],
    ['width too large', { line: LINE, width: 50_001 }, 'width'],
    ['width missing', { line: LINE }, 'width'],
    ['width a string', { line: LINE, width: '5km' }, 'width'],
    ['unknown amenity', { line: LINE, width: 1000, amenities: ['jacuzzi'] }, 'amenities.0'],
    ['unknown type', { line: LINE, width: 1000, types: ['castle'] }, 'types.0'],
    ['unknown category', { line: LINE, width: 1000, categories: ['spaceships'] }, 'categories.0'],
    ['unknown kind', { line: LINE, width: 1000, kinds: ['trucks'] }, 'kinds.0'],
    ['no kinds', { line: LINE, width: 1000, kinds: [] }, 'kinds'],
    ['bad open', { line: LINE, width: 1000, open: 'soon' }, 'open'],
    ['limit too large', { line: LINE, width: 1000, limit: 2001 }, 'limit'],
    ['limit fractional', { line: LINE, width: 1000, limit: 2.5 }, 'limit'],
    ['cursor not a string', { line: LINE, width: 1000, cursor: 5 }, 'cursor'],
    ['cursor made up', { line: LINE, width: 1000, cursor: 'page-2' }, 'cursor'],
    ['cursor of another width', { line: LINE, width: 1000, cursor: JSON.stringify([1, 5, 1, 'station', 'x', 0, 2000]) }, 'cursor'],
    ['cursor of another route', { line: LINE.slice(0, 3), width: 1000, cursor: JSON.stringify([1, 5, 1, 'station', 'x', 1e6, 1000]) }, 'cursor'],
  ];
  for (const [name, body, param] of bad) {
    it(`400 problem naming "${param}": ${name}`, async () => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(param);
    });
  }

  it('400 problem for a body that is not JSON, 415 for one not sent as JSON', async () => {
    for (const [body, type] of [['{"line": [[118, 32]', 'application/json'], ['line=1', 'application/x-www-form-urlencoded'], ['', 'application/json']]) {
      const res = await post(body, type);
      expect(res.status).toBe(type.includes('json') ? 400 : 415); // not JSON at all: 415 Unsupported Media Type
      expect(res.type).toContain('application/problem+json');
    }
  });
});
