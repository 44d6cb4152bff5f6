/**
 * /api/sync under abuse: distinct `since` values cannot make the server rebuild the snapshot
 * (it is built once per version, deltas at most once per bucket), and Accept-Encoding q=0 is obeyed.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeStations } from '../../data/sync-codec';
import { canonicalStation } from '../../data/records';
import { NOW, getJson, station, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
const stations = Array.from({ length: 40 }, (_, i) => station({ id: `a${i}`, lat: 31 + i / 100, lng: 121 + i / 100 }));
beforeAll(async () => {
  env = await testEnv(stations);
  // 20 versions of single-station edits, so deltas from many bases exist
  for (let i = 0; i < 20; i++) await env.store.upsertStations([canonicalStation({ ...stations[i], name: `改${i}` }, NOW.toISOString())]);
  await env.refresh(); // the listing reads the change feed too: the spies below count the sync's reads only
});
afterAll(() => env.close());

describe('GET /api/sync abuse', () => {
  it('many distinct since values build at most a few bodies per version', async () => {
    const spy = vi.spyOn(env.store, 'stationChanges');
    const version = await env.store.version();
    const sinces = [0, ...Array.from({ length: version }, (_, i) => i + 1)];
    for (let i = 0; i < 60; i++) sinces.push(version + 1 + Math.floor(Math.random() * 1e12));
    const answers = await Promise.all(sinces.map((s) => env.app.request(`/api/sync?since=${s}`, { headers: { 'Accept-Encoding': 'br' } })));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // every value above the version and 0 share one snapshot; the rest share ≤ 4 exact + log2(version) buckets
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1 + 4 + Math.ceil(Math.log2(version)));
    const before = spy.mock.calls.length;
    await Promise.all(sinces.map((s) => env.app.request(`/api/sync?since=${s}`)));
    expect(spy.mock.calls.length).toBe(before); // asked again: nothing rebuilt
    spy.mockRestore();
  });

  it('a since above the current version is the full snapshot', async () => {
    const { body } = await getJson(env, `/api/sync?since=${await env.store.version() + 12345}`);
    expect(body.full).toBe(true);
    expect(body.stations.n).toBe(40);
  });

  it('a bucketed delta still carries every change since the asked version', async () => {
    const version = await env.store.version();
    const since = version - 13; // rounded down to version - 16
    const { body } = await getJson(env, `/api/sync?since=${since}`);
    expect(body.full).toBe(false);
    expect(body.since).toBeLessThanOrEqual(since);
    const names = new Set(decodeStations(body.stations).map((s) => s.name));
    for (let i = 20 - 13; i < 20; i++) expect(names.has(`改${i}`)).toBe(true);
  });

  it('concurrent first requests for a new version share one build', async () => {
    await env.store.upsertStations([canonicalStation({ ...stations[30], name: '又改了' }, NOW.toISOString())]);
    await env.refresh(); // the listing reads its change feed too (patched in place): only the sync builds are counted
    const spy = vi.spyOn(env.store, 'stationChanges');
    await Promise.all(Array.from({ length: 10 }, () => env.app.request('/api/sync?since=0')));
    expect(spy.mock.calls.length).toBe(1);
    spy.mockRestore();
  });

  it('obeys q=0 in Accept-Encoding', async () => {
    const noBr = await env.app.request('/api/sync', { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    expect(noBr.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await noBr.arrayBuffer())).toString()).full).toBe(true);
    const none = await env.app.request('/api/sync', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
    expect(none.headers.get('content-encoding')).toBeNull();
    expect((await none.json()).full).toBe(true);
  });
});

describe('GET /api/sync of a large store', () => {
  it('builds the snapshot in a child process: reads are answered meanwhile, and the body is whole', async () => {
    const big = await testEnv(Array.from({ length: 20_000 }, (_, i) => station({ id: `b${i}`, lat: 22 + (i % 200) / 10, lng: 100 + Math.floor(i / 200) / 5 })));
    try {
      let done = false;
      const snapshot = Promise.resolve(big.app.request('/api/sync', { headers: { 'Accept-Encoding': 'gzip' } })).finally(() => (done = true));
      let answered = 0;
      while (!done) {
        await new Promise((r) => setImmediate(r)); // in-process requests never yield to I/O by themselves
        const res = await big.app.request('/api/stations/nearest?lat=30&lng=110&limit=1');
        expect(res.status).toBe(200);
        if (!done) answered++;
      }
      const res = await snapshot;
      const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString());
      expect(body).toMatchObject({ full: true });
      expect(decodeStations(body.stations)).toHaveLength(20_000);
      expect(answered).toBeGreaterThanOrEqual(3);
    } finally {
      big.close();
    }
  }, 60_000);
});
