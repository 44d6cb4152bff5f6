// /api/sync for the first visit on a phone, through a real listening server: `near` makes a snapshot
// regional (only the records in the region the server chose, and which region it is), a delta stays
// the whole country's, /api/sync/size gives the whole snapshot's real size, bad input is a 400.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config';
import { startServer, type RunningServer } from '../../api/server';
import { openStore } from '../../api/store/open';
import type { Store } from '../../api/store/port';
import { decodeMerchants, decodeStations } from '../../data/sync-codec';
import { inBox, type SyncRegion } from '../../data/sync-region';
import { merchant, station } from './helpers';

let dir: string;
let server: RunningServer;
let store: Store;
// Nanjing (江苏省), Shanghai (300 km away), Lanzhou (1,400 km away)
const nanjing = Array.from({ length: 30 }, (_, i) => station({ id: `nj${i}`, lat: 32 + i / 100, lng: 118.7 + i / 100, province: '江苏省' }));
const shanghai = Array.from({ length: 10 }, (_, i) => station({ id: `sh${i}`, lat: 31.2 + i / 100, lng: 121.4, province: '上海市' }));
const lanzhou = Array.from({ length: 10 }, (_, i) => station({ id: `lz${i}`, lat: 36 + i / 100, lng: 103.8, province: '甘肃省' }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-sync-region-'));
  const databasePath = join(dir, 'y.db');
  store = await openStore({ path: databasePath }, { listen: false });
  await store.upsertStations([...nanjing, ...shanghai, ...lanzhou]);
  await store.upsertMerchants([merchant({ id: 'm-nj', lat: 32.05, lng: 118.8 }), merchant({ id: 'm-lz', lat: 36.05, lng: 103.8 })]);
  server = await startServer({ ...loadConfig({}), port: 0, host: '127.0.0.1', databasePath, refreshIntervalMs: 50, webRoot: join(dir, 'web') });
});
afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers });
  return { res, body: await res.json() };
}

describe('GET /api/sync?near=', () => {
  it('a snapshot near Nanjing holds the region only, and says which region (province, radius, box)', async () => {
    const { res, body } = await get('/api/sync?since=0&near=118.78,32.04');
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ format: 1, full: true, since: 0 });
    const region = body.region as SyncRegion;
    expect(region).toMatchObject({ radius: 300_000, province: '江苏省' });
    expect(inBox(region.bbox, 118.78, 32.04)).toBe(true);
    const ids = decodeStations(body.stations).map((s) => s.id).sort();
    // Shanghai is ~270 km from Nanjing: inside a 300 km region; Lanzhou is not
    expect(ids).toEqual([...nanjing, ...shanghai].map((s) => s.id).sort());
    expect(decodeMerchants(body.merchants).map((m) => m.id)).toEqual(['m-nj']);
  });

  it('without near (as every current client asks) the snapshot is the whole country', async () => {
    const { body } = await get('/api/sync?since=0');
    expect(body.region).toBeUndefined();
    expect(decodeStations(body.stations)).toHaveLength(50);
  });

  it('a delta ignores near: it is the whole country\'s (the client clips it to its region)', async () => {
    const v0 = (await get('/api/sync')).body.version as number;
    await store.upsertStations([station({ id: 'lz-new', lat: 36.1, lng: 103.9 })]);
    await expect.poll(async () => (await get(`/api/sync?since=${v0}&near=118.78,32.04`)).body.version, { timeout: 5000 }).toBe(v0 + 1);
    const { body } = await get(`/api/sync?since=${v0}&near=118.78,32.04`);
    expect(body).toMatchObject({ full: false });
    expect(body.region).toBeUndefined();
    expect(decodeStations(body.stations).map((s) => s.id)).toEqual(['lz-new']);
  });

  it('400 problem+json for a bad near', async () => {
    for (const near of ['', 'abc', '118.7', '118.7,32,1', '0x10,32', '200,32', '118,95', 'NaN,1']) {
      const { res, body } = await get(`/api/sync?since=0&near=${encodeURIComponent(near)}`);
      expect(res.status, near).toBe(400);
      expect(res.headers.get('content-type')).toContain('problem+json');
      expect(body.invalid_params[0].name).toBe('near');
    }
  });
});

describe('GET /api/sync/size', () => {
  it('is the real size of the whole snapshot in the encoding asked for', async () => {
    const size = (await get('/api/sync/size', { 'Accept-Encoding': 'gzip' })).body;
    expect(size).toMatchObject({ encoding: 'gzip', stations: 51 });
    // fetch would decompress: read the raw body through node's http instead
    const { request } = await import('node:http');
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(`${server.url}/api/sync?since=0`, { headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
        const parts: Buffer[] = [];
        r.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
      }).end();
    });
    expect(raw.length).toBe(size.bytes);
    expect(gunzipSync(raw).length).toBe(size.json);
    expect(JSON.parse(gunzipSync(raw).toString()).version).toBe(size.version);
  });
});
