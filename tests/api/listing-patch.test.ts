// Writes to a few stations are patched into the in-memory listing from the change feed — served at
// once, without a full rebuild, and holding exactly what a listing read afresh from the store
// holds — while adds, deletes, closures and imports still rebuild it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRowidOrder } from '../../api/listing';
import { finish } from '../../data/slices';
import { generateDemo } from '../../data/demo/generate';
import { canonicalStation } from '../../data/records';
import { station } from './helpers';
import { authEnv, send, signInAdmin, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let admin: { cookie: string };

beforeAll(async () => {
  const demo = generateDemo({ stations: 400, merchants: 0 }).stations.map((s) => canonicalStation(s, s.updated_at));
  env = await authEnv([
    station({ id: 'a', name: '鼓楼驿站', lat: 32.06, lng: 118.79, opening_hours: 'Mo-Fr 08:00-18:00', amenities: ['drinking_water'] }),
    ...demo,
    station({ id: 'b', name: '玄武驿站', lat: 32.07, lng: 118.8, status: 'temporarily_closed' }),
  ]);
  admin = await signInAdmin(env);
});
afterAll(() => env?.close());

const builds = () => env.listings.stats().stations.builds;
const nearest = async (q = '') => (await send(env, 'GET', `/api/stations/nearest?lat=32.06&lng=118.79&limit=3${q}`)).body.items;
const edit = (id: string, body: Record<string, unknown>) => send(env, 'PATCH', `/api/admin/stations/${id}`, { cookie: admin.cookie, body });

/** The listing holds what a listing read afresh from the store would, column by column. */
async function expectAsStored() {
  const fresh = finish(inRowidOrder(await env.store.stationIndex()));
  const held = env.listings.stations().cols;
  for (const f of ['rowid', 'id', 'name', 'lng', 'lat', 'all', 'any', 'status', 'hours', 'tz', 'notices'] as const) expect(held[f], f).toEqual(fresh[f]);
}

describe('in-place patches', () => {
  it('an admin edit (name, hours, amenities, type) is served at once, without a rebuild', async () => {
    expect((await nearest())[0]).toMatchObject({ id: 'a', name: '鼓楼驿站', is24h: false }); // fills the document and tail caches
    const before = builds();
    const res = await edit('a', { name: '鼓楼爱心驿站', opening_hours: '24/7', amenities: ['shower'], type: 'driver_home' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await nearest())[0]).toMatchObject({ id: 'a', name: '鼓楼爱心驿站', is24h: true, openNow: true, type: 'driver_home' });
    expect((await nearest('&amenities=shower&open=24h&types=driver_home'))[0]).toMatchObject({ id: 'a' });
    expect((await nearest('&amenities=drinking_water')).map((s: { id: string }) => s.id)).not.toContain('a');
    expect((await send(env, 'GET', '/api/search?q=爱心驿站&lat=32.06&lng=118.79')).body.items[0]).toMatchObject({ id: 'a' });
    expect(builds()).toBe(before);
    expect(env.listings.stats().stations.patches).toBeGreaterThan(0);
    expect(env.listings.builtAt()).toBe(await env.store.version());
    await expectAsStored();
  });

  it('pausing and reopening a station keeps its place: patched, not rebuilt', async () => {
    const before = builds();
    await edit('a', { status: 'temporarily_closed' });
    expect((await nearest())[0]).toMatchObject({ id: 'a', status: 'temporarily_closed', openNow: false, is24h: false });
    expect((await nearest('&open=now')).map((s: { id: string }) => s.id)).not.toContain('a');
    await edit('b', { status: 'open', opening_hours: '24/7' });
    expect((await nearest('&open=24h')).map((s: { id: string }) => s.id)).toContain('b');
    await edit('a', { status: 'open' });
    expect(builds()).toBe(before);
    await expectAsStored();
  });

  it('a visitor confirmation is served at once (the cached item follows the record), without a rebuild', async () => {
    expect((await nearest('&fields=full'))[0].confirmations).toEqual({ count: 0 });
    const before = builds();
    const r = await send(env, 'POST', '/api/reports', { origin: false, headers: { 'X-Forwarded-For': '10.0.0.9' }, body: { clientId: randomUUID(), targetType: 'station', targetId: 'a', kind: 'confirmed' } });
    expect(r.status).toBe(201);
    expect((await nearest('&fields=full'))[0].confirmations).toMatchObject({ count: 1 });
    expect(builds()).toBe(before);
  });

  it('a notice posted by the admin is in the notices filter and the items, without a rebuild', async () => {
    const before = builds();
    const r = await send(env, 'POST', '/api/admin/stations/a/notices', { cookie: admin.cookie, body: { kind: 'relief', title: '冬送温暖' } });
    expect(r.status).toBe(201);
    expect((await nearest('&notices=relief')).map((s: { id: string }) => s.id)).toEqual(['a']);
    expect((await nearest())[0].noticeKinds).toEqual(['relief']);
    expect(builds()).toBe(before);
    await expectAsStored();
  });

  it('a write by another process is patched in on the next refresh', async () => {
    const other = await env.another();
    try {
      const a = JSON.parse((await other.stationDoc('a'))!);
      await other.upsertStations([canonicalStation({ ...a, name: '别处改名', amenities: ['shower', 'wifi'], amenities_unavailable: ['shower'] }, new Date().toISOString())]);
    } finally {
      await other.close();
    }
    const before = builds();
    await env.listings.refreshNow();
    expect((await nearest())[0]).toMatchObject({ id: 'a', name: '别处改名' });
    expect((await nearest('&amenities=shower')).map((s: { id: string }) => s.id)).not.toContain('a'); // out of order
    expect((await nearest('&amenities=wifi'))[0]).toMatchObject({ id: 'a' });
    expect(builds()).toBe(before);
    await expectAsStored();
  });
});

describe('what still rebuilds', () => {
  it('a new station, a station moved, closed for good or deleted: rebuilt and served', async () => {
    let before = builds();
    const created = await send(env, 'POST', '/api/admin/stations', { cookie: admin.cookie, body: { id: 'new', name: '新建驿站', type: 'union_station', lat: 32.0601, lng: 118.7901 } });
    expect(created.status).toBe(201);
    expect((await nearest()).map((s: { id: string }) => s.id)).toContain('new');
    expect(builds()).toBe(++before);
    await edit('new', { lat: 32.2, lng: 118.9 });
    expect((await nearest()).map((s: { id: string }) => s.id)).not.toContain('new');
    expect(builds()).toBe(++before);
    await edit('b', { status: 'closed' });
    expect((await nearest()).map((s: { id: string }) => s.id)).not.toContain('b');
    expect(builds()).toBe(++before);
    await env.store.deleteStations(['a']);
    await env.listings.refreshNow('stations');
    expect((await nearest()).map((s: { id: string }) => s.id)).not.toContain('a');
    expect(builds()).toBe(++before);
    await expectAsStored();
  });
});
