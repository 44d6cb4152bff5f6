// Writes to a few stations are patched into the in-memory listing from the change feed — served at
// once, without a full rebuild, and holding exactly what a listing read afresh from the store
// holds — moves too (the listing is rebuilt from the one in hand a while after, for its clusters),
// and adds, deletes, closures and imports still rebuild it from the store.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildListing, inRowidOrder } from '../../api/listing';
import { createListings } from '../../api/listings';
import { finish } from '../../data/slices';
import { generateDemo } from '../../data/demo/generate';
import { canonicalStation } from '../../data/records';
import { merchant, station } from './helpers';
import { authEnv, send, signInAdmin, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let admin: { cookie: string };

beforeAll(async () => {
  const demo = generateDemo({ stations: 400, merchants: 0 }).stations.map((s) => canonicalStation(s, s.updated_at));
  env = await authEnv([
    station({ id: 'a', name: '鼓楼驿站', lat: 32.06, lng: 118.79, opening_hours: 'Mo-Fr 08:00-18:00', amenities: ['drinking_water'] }),
    ...demo,
    station({ id: 'b', name: '玄武驿站', lat: 32.07, lng: 118.8, status: 'temporarily_closed' }),
  ], [merchant({ id: 'm', name: '老王轮胎', lat: 32.061, lng: 118.791, address: '中山路12号' }), merchant({ id: 'm2', lat: 32.2, lng: 118.9 })]);
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

describe('a move: patched in place, not read from the store', () => {
  it('an admin move is served at its new place at once, and the listing holds what the store does', async () => {
    const read = vi.spyOn(env.store, 'stationIndex');
    try {
      const before = builds(), old = env.listings.stations(), i = old.indexOf('a')!;
      const [lat, lng, name] = [old.cols.lat[i], old.cols.lng[i], old.cols.name[i]];
      const box = (la: number, ln: number) => `/api/stations?bbox=${ln - 0.001},${la - 0.001},${ln + 0.001},${la + 0.001}&zoom=17`;
      const ids = async (la: number, ln: number) => (await send(env, 'GET', box(la, ln))).body.features.map((f: { properties: { id: string } }) => f.properties.id);
      expect(await ids(lat, lng)).toContain('a');
      expect((await nearest())[0]).toMatchObject({ id: 'a' });
      const res = await edit('a', { lat: 31.5, lng: 120.3, name: '搬家驿站' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((await nearest()).map((s: { id: string }) => s.id)).not.toContain('a');
      const there = (await send(env, 'GET', '/api/stations/nearest?lat=31.5&lng=120.3&limit=1')).body.items;
      expect(there[0]).toMatchObject({ id: 'a', name: '搬家驿站', distance: 0 });
      expect((await send(env, 'GET', '/api/search?q=搬家驿站&lat=31.5&lng=120.3')).body.items[0]).toMatchObject({ id: 'a', distance: 0 });
      expect(await ids(31.5, 120.3)).toEqual(['a']); // the map's points: at the new place, not at the old
      expect(await ids(lat, lng)).not.toContain('a');
      expect(builds()).toBe(before);
      expect(read).not.toHaveBeenCalled();
      expect(env.listings.stations()).toBe(old);
      expect(old.movedSinceBuild()).toBe(1);
      expect(env.listings.builtAt()).toBe(await env.store.version());
      await expectAsStored();
      read.mockClear(); // expectAsStored read it
      await edit('a', { lat, lng, name }); // back, for the tests that follow
      expect((await nearest())[0]).toMatchObject({ id: 'a', name });
      expect(await ids(lat, lng)).toContain('a');
      expect(read).not.toHaveBeenCalled();
      expect(builds()).toBe(before);
      await expectAsStored();
    } finally {
      read.mockRestore();
    }
  });

  it('moves and edits written by another process arrive together, each record keeping its place', async () => {
    const other = await env.another();
    const ids = ['demo-s-000010', 'demo-s-000200', 'demo-s-000399'];
    try {
      const docs = (await other.stationDocsById(ids)).map((d) => JSON.parse(d!));
      await other.upsertStations([
        canonicalStation({ ...docs[0], lat: docs[0].lat + 0.01 }, new Date().toISOString()),
        canonicalStation({ ...docs[1], name: '只改名字' }, new Date().toISOString()),
        canonicalStation({ ...docs[2], lng: docs[2].lng - 0.02, amenities: ['shower'] }, new Date().toISOString()),
      ]);
    } finally {
      await other.close();
    }
    const read = vi.spyOn(env.store, 'stationIndex');
    try {
      const before = builds();
      await env.listings.refreshNow();
      expect(builds()).toBe(before);
      expect(read).not.toHaveBeenCalled();
      await expectAsStored();
      const l = env.listings.stations();
      expect(l.cols.name[l.indexOf(ids[1])!]).toBe('只改名字');
      const moved = l.indexOf(ids[2])!;
      const near = (await send(env, 'GET', `/api/stations/nearest?lat=${l.cols.lat[moved]}&lng=${l.cols.lng[moved]}&limit=1&amenities=shower`)).body.items;
      expect(near[0]).toMatchObject({ id: ids[2], distance: 0 });
    } finally {
      read.mockRestore();
    }
  });
});

describe('searches across a move and a rebuild', () => {
  it('find a moved record at its new place, and read a rebuilt listing once its search index is built', async () => {
    expect((await send(env, 'GET', '/api/search?q=鼓楼&lat=32.06&lng=118.79')).status).toBe(200); // this server is searched
    const before = env.listings.stations();
    expect(env.listings.searchable('stations')).toBe(before);
    const i = before.indexOf('demo-s-000020')!;
    await env.listings.refreshNow(); // nothing changed: the same listing
    const other = await env.another();
    try {
      const d = JSON.parse((await other.stationDocsById(['demo-s-000020']))[0]!);
      await other.upsertStations([canonicalStation({ ...d, lat: d.lat + 0.05 }, new Date().toISOString())]);
    } finally {
      await other.close();
    }
    await env.listings.refreshNow();
    const after = env.listings.stations();
    expect(after).toBe(before); // a move: in place, its search index checks the moved record one by one
    expect(env.listings.searchable('stations')).toBe(after);
    expect(after.prepareSearch(0)).toBe(true);
    const hit = (await send(env, 'GET', `/api/search?q=${encodeURIComponent(after.cols.name[i])}&lat=${after.cols.lat[i]}&lng=${after.cols.lng[i]}`)).body.items;
    expect(hit[0]).toMatchObject({ id: 'demo-s-000020', distance: 0 });
    // a new station rebuilds from the store: searches read the listing before it until its own index is built
    const created = await send(env, 'POST', '/api/admin/stations', { cookie: admin.cookie, body: { id: 'searched-new', name: '新开张驿站', type: 'union_station', lat: 32.1, lng: 118.7 } });
    expect(created.status).toBe(201);
    const added = env.listings.stations();
    expect(added).not.toBe(after);
    const read = env.listings.searchable('stations');
    expect(read === after || (read === added && added.prepareSearch(0))).toBe(true); // never a listing whose index a search would build while holding the loop
    await added.searchReady(); // the rebuild started building it in turns
    expect(env.listings.searchable('stations')).toBe(added);
    expect((await send(env, 'GET', '/api/search?q=新开张驿站&lat=32.1&lng=118.7')).body.items[0]).toMatchObject({ id: 'searched-new', distance: 0 });
  });
});

describe('a merchant moved', () => {
  it('is found at its new place, by its name and by its address, without the merchants read from the store', async () => {
    const before = await send(env, 'GET', '/api/search?q=中山路12号&lat=32.06&lng=118.79');
    expect(before.body.items[0]).toMatchObject({ id: 'm' }); // the search index (and the address text) built
    const other = await env.another();
    try {
      const m = (await other.merchantRecord('m'))!;
      await other.upsertMerchants([{ ...m, lat: 31.9, lng: 118.5, updated_at: new Date().toISOString() }]);
    } finally {
      await other.close();
    }
    const read = vi.spyOn(env.store, 'merchantIndex');
    try {
      const builds = env.listings.stats().merchants.builds;
      await env.listings.refreshNow('merchants');
      expect(env.listings.stats().merchants.builds).toBe(builds);
      expect(read).not.toHaveBeenCalled();
      expect((await send(env, 'GET', '/api/merchants/nearest?lat=31.9&lng=118.5&limit=1')).body.items[0]).toMatchObject({ id: 'm', distance: 0 });
      await env.listings.merchants().searchReady();
      for (const q of ['老王轮胎', '中山路12号']) expect((await send(env, 'GET', `/api/search?q=${q}&lat=31.9&lng=118.5`)).body.items[0], q).toMatchObject({ id: 'm', distance: 0 });
      const fresh = finish(inRowidOrder(await env.store.merchantIndex())), held = env.listings.merchants().cols;
      for (const f of ['rowid', 'id', 'name', 'lng', 'lat', 'all', 'any', 'status', 'hours', 'tz'] as const) expect(held[f], f).toEqual(fresh[f]);
    } finally {
      read.mockRestore();
    }
  });
});

describe('what still rebuilds', () => {
  it('a new station, closed for good or deleted: rebuilt and served (a move of it: in place)', async () => {
    let before = builds();
    const created = await send(env, 'POST', '/api/admin/stations', { cookie: admin.cookie, body: { id: 'new', name: '新建驿站', type: 'union_station', lat: 32.0601, lng: 118.7901 } });
    expect(created.status).toBe(201);
    expect((await nearest()).map((s: { id: string }) => s.id)).toContain('new');
    expect(builds()).toBe(++before);
    await edit('new', { lat: 32.2, lng: 118.9 });
    expect((await nearest()).map((s: { id: string }) => s.id)).not.toContain('new');
    expect(builds()).toBe(before);
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

describe('a write while the moves in place settle', () => {
  it('is patched into the listing in hand, and again into the rebuilt one before it serves', async () => {
    // the rebuild starts 3 s after the first move: by then the write below is in the store and its refresh held
    const listings = await createListings(env.store, { checkIntervalMs: 0, settleMovesMs: 3000 });
    const other = await env.another();
    const [x, y] = ['demo-s-000040', 'demo-s-000041'];
    const write = async (id: string, to: { lat: number; lng: number; name?: string }) => {
      const d = JSON.parse((await other.stationDocsById([id]))[0]!);
      await other.upsertStations([canonicalStation({ ...d, ...to }, new Date().toISOString())]);
    };
    const found = (l: ReturnType<typeof listings.stations>, lat: number, lng: number) => {
      const h = l.nearest({ lat, lng, limit: 1, at: new Date() })[0];
      return [l.cols.id[h.i], l.cols.name[h.i], h.distance];
    };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const counts = vi.spyOn(env.store, 'changedCounts');
    try {
      const l = listings.stations(), builds = listings.stats().stations.builds;
      await write(x, { lat: 47.2, lng: 129.6 });
      await listings.refreshNow('stations');
      expect(l.movedSinceBuild()).toBe(1);
      // a write whose refresh is held (its feed's count read waits) while the settling rebuild copies the listing and builds
      await write(y, { lat: 47.3, lng: 129.7, name: '搬迁中驿站' });
      counts.mockImplementationOnce(async (from) => (await gate, env.store.changedCounts(from)));
      const refreshed = listings.refreshNow('stations');
      await vi.waitFor(() => expect(listings.stats().stations.builds).toBe(builds + 1), { timeout: 10_000, interval: 10 });
      expect(listings.stations()).toBe(l); // built, but not served before the write's refresh
      open();
      await refreshed;
      expect(found(listings.stations(), 47.3, 129.7)).toEqual([y, '搬迁中驿站', 0]); // served once its refresh is done
      await vi.waitFor(() => expect(listings.stations()).not.toBe(l), { timeout: 10_000, interval: 10 });
      const settled = listings.stations();
      expect(found(l, 47.3, 129.7)).toEqual([y, '搬迁中驿站', 0]); // patched into the listing in hand, which served meanwhile
      expect(found(settled, 47.3, 129.7)).toEqual([y, '搬迁中驿站', 0]); // and into the rebuilt one, copied before it
      expect(found(settled, 47.2, 129.6)[0]).toBe(x);
      const fresh = finish(inRowidOrder(await env.store.stationIndex()));
      for (const f of ['id', 'name', 'lng', 'lat', 'all', 'any', 'status'] as const) expect(settled.cols[f], f).toEqual(fresh[f]);
    } finally {
      counts.mockRestore();
      await other.close();
    }
  });
});

describe('many moves at once', () => {
  it('rebuild the listing from the one in hand, not from the store', async () => {
    const ids = Array.from({ length: 70 }, (_, k) => `demo-s-${String(100 + k).padStart(6, '0')}`);
    const other = await env.another();
    try {
      const docs = (await other.stationDocsById(ids)).map((d) => JSON.parse(d!));
      await other.upsertStations(docs.map((d) => canonicalStation({ ...d, lat: d.lat + 0.001 }, new Date().toISOString())));
    } finally {
      await other.close();
    }
    const read = vi.spyOn(env.store, 'stationIndex');
    try {
      const before = builds(), old = env.listings.stations();
      await env.listings.refreshNow('stations');
      expect(builds()).toBe(before + 1); // past the 64 a listing takes in place
      expect(env.listings.stations()).not.toBe(old);
      expect(env.listings.stations().movedSinceBuild()).toBe(0);
      expect(read).not.toHaveBeenCalled();
      await expectAsStored();
    } finally {
      read.mockRestore();
    }
  });
});

describe('moves in place, then a rebuild from the listing in hand', () => {
  it('serve each move at once; the rebuild that follows makes the clusters where the records are now, without reading the store', async () => {
    const listings = await createListings(env.store, { checkIntervalMs: 0, settleMovesMs: 50 });
    const other = await env.another();
    const ids = ['demo-s-000030', 'demo-s-000031', 'demo-s-000032'];
    const china: [number, number, number, number] = [73, 18, 135, 54];
    const read = vi.spyOn(env.store, 'stationIndex');
    try {
      const l = listings.stations();
      l.warm(); // the clusters, which a move leaves where they were
      const docs = (await other.stationDocsById(ids)).map((d) => JSON.parse(d!));
      // far from where they were: the country's clusters change
      await other.upsertStations(docs.map((d, k) => canonicalStation({ ...d, lat: 45.5 + k * 0.001, lng: 126.6 }, new Date().toISOString())));
      await listings.refreshNow('stations');
      expect(listings.stations()).toBe(l);
      expect(l.movedSinceBuild()).toBe(3);
      expect(l.nearest({ lat: 45.5, lng: 126.6, limit: 3, at: new Date() }).map((h) => l.cols.id[h.i])).toEqual(ids);
      const stale = l.viewport().query(china, 4);
      await vi.waitFor(() => expect(listings.stations()).not.toBe(l), { timeout: 10_000, interval: 20 });
      const settled = listings.stations();
      expect(settled.movedSinceBuild()).toBe(0);
      expect(settled.nearest({ lat: 45.5, lng: 126.6, limit: 3, at: new Date() }).map((h) => settled.cols.id[h.i])).toEqual(ids);
      expect(read).not.toHaveBeenCalled();
      const exact = buildListing(await env.store.stationIndex(), 'stations');
      for (const f of ['rowid', 'id', 'lng', 'lat', 'name'] as const) expect(settled.cols[f], f).toEqual(exact.cols[f]);
      expect(settled.viewport().query(china, 4)).toEqual(exact.viewport().query(china, 4));
      expect(stale).not.toEqual(exact.viewport().query(china, 4)); // before the rebuild: the clusters of where they were
    } finally {
      read.mockRestore();
      await other.close();
    }
  });
});
