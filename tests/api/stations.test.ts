import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo/generate';
import { haversine } from '../../data/geo/haversine';
import { openState, is24h } from '../../data/hours';
import { listItemPoint } from '../../data/map-point';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';
import { NOW, getJson, station, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
let all: Station[];

beforeAll(async () => {
  const demo = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => canonicalStation(s, s.updated_at));
  const special = [
    station({ id: 'xss', name: '<img src=x onerror=alert(1)>驿站', lat: 32.0601, lng: 118.7901, opening_hours: '24/7' }),
    station({ id: 'closed-forever', status: 'closed', lat: 32.06, lng: 118.79 }),
    station({ id: 'temp-closed', status: 'temporarily_closed', lat: 32.0602, lng: 118.7902, opening_hours: '24/7' }),
    station({ id: 'unknown-hours', lat: 32.0603, lng: 118.7903 }),
    station({ id: 'night', lat: 32.0604, lng: 118.7904, opening_hours: '20:00-06:00' }),
  ];
  all = [...demo, ...special];
  env = await testEnv(all);
});
afterAll(() => env.close());

/** The brute-force oracle: filter every station, haversine, sort. */
function oracle(lat: number, lng: number, limit: number, keep: (s: Station) => boolean) {
  return all
    .filter((s) => s.status !== 'closed' && keep(s))
    .map((s) => ({ id: s.id, d: haversine(lng, lat, s.lng, s.lat) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit);
}
const openNow = (s: Station) =>
  s.status !== 'temporarily_closed' && (is24h(s.opening_hours) || openState(s.opening_hours, NOW).state === 'open');

describe('GET /api/stations/nearest', () => {
  const cases: [string, string, (s: Station) => boolean][] = [
    ['no filter', '', () => true],
    ['24h', '&open=24h', (s) => s.status !== 'temporarily_closed' && is24h(s.opening_hours)],
    ['open now', '&open=now', openNow],
    ['amenities', '&amenities=ebike_charging,microwave', (s) => s.amenities.includes('ebike_charging') && s.amenities.includes('microwave')],
    ['type', '&types=driver_home', (s) => s.type === 'driver_home'],
    ['all at once', '&open=now&amenities=drinking_water&types=union_station,outdoor_worker_station',
      (s) => openNow(s) && s.amenities.includes('drinking_water') && ['union_station', 'outdoor_worker_station'].includes(s.type)],
  ];
  for (const [name, qs, keep] of cases) {
    it(`equals the brute-force oracle: ${name}`, async () => {
      for (const [lat, lng] of [[32.06, 118.79], [26.08, 119.3], [36.06, 103.83], [40, 100]]) {
        const { status, body } = await getJson(env, `/api/stations/nearest?lat=${lat}&lng=${lng}&limit=25${qs}`);
        expect(status).toBe(200);
        const want = oracle(lat, lng, 25, keep);
        expect(body.items.map((i: { distance: number }) => i.distance)).toEqual(want.map((w) => Math.round(w.d * 10) / 10));
        expect(new Set(body.items.map((i: { id: string }) => i.id))).toEqual(new Set(want.map((w) => w.id)));
      }
    });
  }

  it('returns items with openNow, is24h and distance; closed stations never', async () => {
    const { body, res } = await getJson(env, '/api/stations/nearest?lat=32.06&lng=118.79&limit=100&maxDistance=100');
    expect(res.headers.get('cache-control')).toContain('max-age');
    const byId = Object.fromEntries(body.items.map((i: Station & { openNow: boolean | null }) => [i.id, i]));
    expect(byId['closed-forever']).toBeUndefined();
    expect(byId.xss).toMatchObject({ name: '<img src=x onerror=alert(1)>驿站', openNow: true, is24h: true, lat: 32.0601, lng: 118.7901 });
    expect(byId['temp-closed']).toMatchObject({ openNow: false, is24h: false });
    expect(byId['unknown-hours'].openNow).toBeNull();
    expect(byId.night.openNow).toBe(false); // 10:00 in Shanghai
    expect(byId.night.nextChange).toBe('2026-11-23T12:00:00.000Z'); // opens 20:00 Shanghai
    expect(byId.xss.nextChange).toBeUndefined(); // 24/7
    expect(byId['unknown-hours'].nextChange).toBeUndefined();
    expect(byId['temp-closed'].nextChange).toBeUndefined();
    for (const i of body.items) expect(i.distance).toBeLessThanOrEqual(100);
  });

  it("lists the row's fields by default (data/list-item.ts) and whole records with fields=full", async () => {
    const q = '/api/stations/nearest?lat=32.06&lng=118.79&limit=20';
    const slim = (await getJson(env, q)).body.items, full = (await getJson(env, `${q}&fields=full`)).body.items;
    expect(slim.map((i: Station) => i.id)).toEqual(full.map((i: Station) => i.id));
    const rowKeys = ['id', 'name', 'lat', 'lng', 'type', 'status', 'amenities', 'amenities_unavailable', 'opening_hours', 'timezone', 'closed_until', 'verified_at', 'updated_at',
      'distance', 'openNow', 'is24h', 'nextChange', 'noticeKinds'];
    slim.forEach((item: Record<string, unknown>, k: number) => {
      for (const key of Object.keys(item)) expect(rowKeys, key).toContain(key);
      const whole = all.find((s) => s.id === item.id)!;
      // each field is the record's, the live ones what the whole record's item says
      for (const key of Object.keys(item)) expect(item[key], key).toEqual(key in whole ? whole[key as keyof Station] : full[k][key]);
      expect(full[k]).toMatchObject({ ...(whole.address ? { address: whole.address } : {}), confirmations: { count: 0 } });
    });
    expect(slim.some((i: Station) => i.amenities.length > 0 && i.opening_hours)).toBe(true);
    expect(full.some((i: Station) => i.address)).toBe(true); // whole records carry what rows leave out
    const bad = await getJson(env, `${q}&fields=everything`);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('problem+json');
  });

  it('honours maxDistance and limit', async () => {
    const { body } = await getJson(env, '/api/stations/nearest?lat=32.06&lng=118.79&limit=3');
    expect(body.items).toHaveLength(3);
    const far = await getJson(env, '/api/stations/nearest?lat=0&lng=0&maxDistance=1000');
    expect(far.body.items).toEqual([]);
  });

  const bad: [string, string][] = [
    ['', 'lat'],
    ['lat=32', 'lng'],
    ['lat=abc&lng=118', 'lat'],
    ['lat=91&lng=118', 'lat'],
    ['lat=32&lng=181', 'lng'],
    ['lat=32&lng=118&limit=0', 'limit'],
    ['lat=32&lng=118&limit=101', 'limit'],
    ['lat=32&lng=118&limit=2.5', 'limit'],
    ['lat=32&lng=118&maxDistance=-5', 'maxDistance'],
    ['lat=32&lng=118&open=soon', 'open'],
    ['lat=32&lng=118&amenities=jacuzzi', 'amenities'],
    ['lat=32&lng=118&types=castle', 'types'],
    ['lat=Infinity&lng=118', 'lat'],
  ];
  for (const [qs, param] of bad) {
    it(`400 problem naming "${param}" for ?${qs}`, async () => {
      const { status, type, body } = await getJson(env, `/api/stations/nearest?${qs}`);
      expect(status).toBe(400);
      expect(type).toContain('application/problem+json');
      expect(body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(body.invalid_params.map((p: { name: string }) => p.name)).toContain(param);
    });
  }
});

describe('GET /api/stations?bbox=&zoom=', () => {
  it('clusters at low zoom and conserves the count', async () => {
    const { status, body } = await getJson(env, '/api/stations?bbox=70,15,140,55&zoom=4');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    const total = body.features.reduce((n: number, f: { properties: { point_count?: number } }) => n + (f.properties.point_count ?? 1), 0);
    expect(total).toBe(all.filter((s) => s.status !== 'closed').length);
    expect(body.features.some((f: { properties: { cluster?: boolean } }) => f.properties.cluster)).toBe(true);
  });

  it('lists single stations with ids at high zoom', async () => {
    const { body } = await getJson(env, '/api/stations?bbox=118.789,32.0595,118.7915,32.061&zoom=17');
    const ids = body.features.map((f: { properties: { id: string } }) => f.properties.id);
    expect(ids).toEqual(expect.arrayContaining(['xss', 'temp-closed', 'unknown-hours', 'night']));
    expect(ids).not.toContain('closed-forever');
  });

  it('gives each single station its state now, and open=now leaves out the closed ones (as the list does)', async () => {
    const near = '/api/stations?bbox=118.789,32.0595,118.7915,32.061&zoom=17';
    type P = { id: string; open: boolean | null; status?: string };
    const byId = (b: { features: { properties: P }[] }) => new Map(b.features.map((f) => [f.properties.id, f.properties]));
    const every = byId((await getJson(env, near)).body);
    expect(every.get('temp-closed')).toMatchObject({ open: false, status: 'temporarily_closed' });
    expect(every.get('unknown-hours')).toMatchObject({ open: null });
    expect(every.get('unknown-hours')).not.toHaveProperty('status');
    expect(every.get('xss')).toMatchObject({ open: true });
    const night = all.find((s) => s.id === 'night')!;
    expect(every.get('night')!.open).toBe(openNow(night));
    const open = byId((await getJson(env, `${near}&open=now`)).body);
    expect([...open.keys()].sort()).toEqual([...every.values()].filter((p) => p.open === true).map((p) => p.id).sort());
    expect(open.has('temp-closed')).toBe(false);
  });

  it("carries for each station the point its nearest list item makes (the first answer's pins are the view's)", async () => {
    const near = (await getJson(env, '/api/stations/nearest?lat=32.0602&lng=118.7902&limit=10')).body;
    const view = (await getJson(env, '/api/stations?bbox=118.789,32.0595,118.7915,32.061&zoom=17')).body;
    const points = new Map(view.features.map((f: { properties: { id: string } }) => [f.properties.id, f]));
    const shared = near.items.filter((s: { id: string }) => points.has(s.id));
    expect(shared.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['xss', 'temp-closed', 'unknown-hours', 'night']));
    for (const s of shared) expect(listItemPoint(s)).toEqual(points.get(s.id));
  });

  it('answers a repeated request for one station with 304 until the station changes', async () => {
    const one = station({ id: 'etag-1', name: '标签驿站' });
    await env.store.upsertStations([one]);
    const first = await getJson(env, '/api/stations/etag-1');
    const etag = first.res.headers.get('etag')!;
    expect((await env.app.request('/api/stations/etag-1', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await env.store.upsertStations([canonicalStation({ ...one, name: '改名标签驿站' }, NOW.toISOString())]);
    const changed = await env.app.request('/api/stations/etag-1', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { station: Station }).station.name).toBe('改名标签驿站');
  });

  it('answers a repeated request with 304 via the ETag', async () => {
    const first = await getJson(env, '/api/stations?bbox=118,31,119,33&zoom=10');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    const again = await env.app.request('/api/stations?bbox=118,31,119,33&zoom=10', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  for (const qs of ['zoom=5', 'bbox=1,2,3&zoom=5', 'bbox=a,b,c,d&zoom=5', 'bbox=10,10,5,5&zoom=5', 'bbox=1,2,3,4', 'bbox=1,2,3,4&zoom=99', 'bbox=1,-95,3,4&zoom=3']) {
    it(`400 for ?${qs}`, async () => {
      const { status, type } = await getJson(env, `/api/stations?${qs}`);
      expect(status).toBe(400);
      expect(type).toContain('application/problem+json');
    });
  }
});

describe('GET /api/stations/{id}', () => {
  it('returns every field', async () => {
    const { status, body } = await getJson(env, '/api/stations/night');
    expect(status).toBe(200);
    expect(body.station).toEqual({ ...all.find((s) => s.id === 'night'), notices: [], confirmations: { count: 0 } });
  });
  it('404 problem for an unknown id', async () => {
    const { status, type, body } = await getJson(env, '/api/stations/nope');
    expect(status).toBe(404);
    expect(type).toContain('application/problem+json');
    expect(body.detail).toContain('nope');
  });
});
