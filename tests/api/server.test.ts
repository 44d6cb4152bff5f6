/**
 * Against a real listening server on a real SQLite file, with the import CLI run as a separate
 * process while the server runs (the server must pick the import up without a restart).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config';
import { startServer, type RunningServer } from '../../api/server';
import { fromWgs84 } from '../../data/crs';
import { haversine } from '../../data/geo/haversine';

const run = promisify(execFile);
let dir: string;
let db: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-server-'));
  db = join(dir, 'y.db');
  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', databasePath: db, demoStations: 400, refreshIntervalMs: 50, webRoot: join(dir, 'web') };
  server = await startServer(config);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const res = await fetch(server.url + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
};
const importCli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'api/cli/import.ts', ...args], { env: { ...process.env, DATABASE_PATH: db } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for the server to see the change');
}

// Two stations whose true WGS-84 positions we know, written in GCJ-02 as Amap would export them.
const truth = [
  { id: 'gz-1', name: '广州天河工会驿站', lng: 113.3245, lat: 23.1291 },
  { id: 'gz-2', name: '广州越秀户外劳动者服务站', lng: 113.2644, lat: 23.1291 },
];
const geojson = (rows: typeof truth, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => {
      const [lng, lat] = fromWgs84([r.lng, r.lat], 'gcj02');
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { id: r.id, name: r.name, type: 'union_station', opening_hours: '24/7', amenities: 'drinking_water;microwave', ...extra } };
    }),
  });

describe('a real server', () => {
  it('seeds the demo data on an empty database and answers over HTTP', async () => {
    const health = await get('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', stations: 400 });
    const near = await get('/api/stations/nearest?lat=32.06&lng=118.79&limit=5');
    expect(near.status).toBe(200);
    expect(near.body.items).toHaveLength(5);
    const bad = await get('/api/stations/nearest?lat=x&lng=1');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
  });

  it('picks up a CLI import (GCJ-02 → WGS-84 within 1 m) without a restart; re-import updates', async () => {
    const file = join(dir, 'gz.geojson');
    writeFileSync(file, geojson(truth));
    const first = await importCli(file, '--crs', 'gcj02');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/added 2, updated 0, unchanged 0/);
    const near = await waitFor(() => get('/api/stations/nearest?lat=23.1291&lng=113.3245&limit=1'), (r) => r.body.items[0]?.id === 'gz-1');
    const s = near.body.items[0];
    expect(haversine(s.lng, s.lat, truth[0].lng, truth[0].lat)).toBeLessThan(1);
    expect(s).toMatchObject({ is24h: true, openNow: true, amenities: ['drinking_water', 'microwave'] });

    const again = await importCli(file, '--crs', 'gcj02');
    expect(again.stdout).toMatch(/added 0, updated 0, unchanged 2/);
    writeFileSync(file, geojson(truth, { phone: '020-12345678' }));
    const updated = await importCli(file, '--crs', 'gcj02');
    expect(updated.stdout).toMatch(/added 0, updated 2, unchanged 0/);
    const health = await waitFor(() => get('/api/stations/gz-1'), (r) => r.body.station?.phone === '020-12345678');
    expect(health.status).toBe(200);
    expect((await get('/api/health')).body.stations).toBe(402);
  });

  it('rejects a file with bad rows whole, naming each row, and writes nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,name,type,lat,lng,opening_hours\nok-1,好驿站,union_station,30.1,120.1,24/7\nbad-1,,union_station,30.2,120.2,24/7\nbad-2,坏坐标,union_station,95,120.3,24/7\nbad-3,坏时间,castle,30.4,120.4,sometimes\n');
    const before = (await get('/api/health')).body;
    const r = await importCli(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 3, name/);
    expect(r.stderr).toMatch(/row 4, lat/);
    expect(r.stderr).toMatch(/row 5, type/);
    expect(r.stderr).toMatch(/row 5, opening_hours/);
    expect(r.stderr).toMatch(/nothing was imported/);
    const after = (await get('/api/health')).body;
    expect(after).toEqual(before);
    expect((await get('/api/stations/ok-1')).status).toBe(404);
  });

  it('CLI usage errors exit non-zero with a message', async () => {
    expect((await importCli()).code).toBe(2);
    expect((await importCli('x.csv', '--crs', 'mars')).code).toBe(2);
    const missing = await importCli(join(dir, 'missing.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});
