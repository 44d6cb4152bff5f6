import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMerchants, decodeStations } from '../../data/sync-codec';
import { canonicalStation } from '../../data/records';
import { NOW, getJson, merchant, station, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
const stations = Array.from({ length: 50 }, (_, i) =>
  station({ id: `s${i}`, lat: 30 + i / 100, lng: 120 + i / 100, opening_hours: i % 3 ? 'Mo-Fr 08:00-18:00' : '24/7', verified_at: '2026-10-01T00:00:00.000Z' }),
);
beforeAll(async () => {
  env = await testEnv(stations, [merchant({ id: 'm1' }, [{ title: '九折' }]), merchant({ id: 'm2', status: 'pending' })]);
});
afterAll(() => env.close());

describe('GET /api/sync', () => {
  it('a full sync decodes to exactly the stored records', async () => {
    const { status, body } = await getJson(env, '/api/sync');
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 1, full: true, since: 0, deletedStations: [], deletedMerchants: [] });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(decodeStations(body.stations).sort(byId)).toEqual([...stations].sort(byId));
    const merchants = decodeMerchants(body.merchants);
    expect(merchants.map((m) => m.id)).toEqual(['m1']);
    expect(merchants[0].offers[0].title).toBe('九折');
  });

  it('a delta carries upserts and deletions only, and a new version', async () => {
    const v0 = (await getJson(env, '/api/sync')).body.version;
    const changed = canonicalStation({ ...stations[1], name: '改名了' }, NOW.toISOString());
    await env.store.upsertStations([changed]);
    await env.store.deleteStations(['s2']);
    await env.store.upsertMerchants([merchant({ id: 'm1', status: 'suspended' })]);
    const { body } = await getJson(env, `/api/sync?since=${v0}`);
    expect(body.full).toBe(false);
    expect(body.version).toBe(v0 + 3);
    expect(decodeStations(body.stations)).toEqual([changed]);
    expect(body.deletedStations).toEqual(['s2']);
    expect(body.deletedMerchants).toEqual(['m1']);
    const none = await getJson(env, `/api/sync?since=${body.version}`);
    expect(none.body.stations.n).toBe(0);
  });

  it('a version from another database gets a full snapshot', async () => {
    const { body } = await getJson(env, '/api/sync?since=999999');
    expect(body.full).toBe(true);
    expect(body.stations.n).toBe(49);
  });

  it('is compressed (brotli first, else gzip) and revalidates with 304', async () => {
    const gz = await env.app.request('/api/sync', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).full).toBe(true);
    const res = await env.app.request('/api/sync', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    const json = JSON.parse(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString());
    expect(json.full).toBe(true);
    const again = await env.app.request('/api/sync', { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('sends current and upcoming approved offers, never expired ones', async () => {
    const shop = merchant({ id: 'offers' }, [
      { title: 'current', valid_from: '2026-11-01', valid_to: '2026-11-30' },
      { title: 'upcoming', valid_from: '2026-12-01' },
      { title: 'expired', valid_to: '2026-11-22' },
    ]);
    await env.store.upsertMerchants([shop]);
    const { body } = await getJson(env, '/api/sync');
    const synced = decodeMerchants(body.merchants).find((m) => m.id === 'offers')!;
    expect(synced.offers.map((o) => o.title)).toEqual(['current', 'upcoming']);
  });

  it('400 for a bad since', async () => {
    for (const qs of ['since=-1', 'since=abc', 'since=1.5']) {
      const { status, type } = await getJson(env, `/api/sync?${qs}`);
      expect(status).toBe(400);
      expect(type).toContain('problem+json');
    }
  });
});
