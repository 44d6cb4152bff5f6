import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../api/importer';
import { openSqliteStore } from '../../api/store/sqlite';
import { contentKey } from '../../data/records';
import { authEnv, send, signInAdmin, type AuthEnv } from './auth-helpers';
import { merchant, station } from './helpers';

let env: AuthEnv;
let admin: string;
const existing = [
  station({ id: 'nj-1', name: '鼓楼驿站', lat: 32.06, lng: 118.79, opening_hours: '24/7', amenities: ['drinking_water', 'toilet'] }),
  station({ id: 'nj-2', name: '玄武驿站', lat: 32.07, lng: 118.8, address: '玄武区, "北京东路" 1号', notes: '多行\n备注' }),
];
beforeAll(async () => {
  env = await authEnv(existing, [merchant({ id: 'shop-1', name: '中策轮胎', status: 'approved', owner_id: 'u_x' }, [{ title: '九折' }])]);
  admin = (await signInAdmin(env)).cookie;
});
afterAll(() => env.close());

async function upload(query: string, body: string | Uint8Array<ArrayBuffer>, type = 'text/csv') {
  const res = await env.app.request(`/api/admin/import?${query}`, {
    method: 'POST', body, headers: { Origin: 'http://localhost', Cookie: admin, 'Content-Type': type },
  });
  return { status: res.status, res, body: await res.json() };
}

const GOOD = [
  'id,name,type,lat,lng,opening_hours,amenities',
  'nj-1,鼓楼驿站,union_station,32.06,118.79,24/7,drinking_water;toilet', // unchanged
  'nj-2,玄武驿站（改）,union_station,32.07,118.8,,', // update
  ',鼓楼驿站,union_station,32.0601,118.7901,,', // add — and a likely duplicate of nj-1
  ',秦淮驿站,driver_home,32.02,118.78,Mo-Fr 08:00-18:00,microwave', // add
].join('\n');
const BAD = GOOD + '\n,坏行,spaceship,95,118.7,,\n';

describe('admin import: preview, then all or nothing', () => {
  it('a dry run reports per row — adds, updates, unchanged, likely duplicates of existing stations — and writes nothing', async () => {
    const v0 = await env.store.version();
    const r = await upload('kind=stations&crs=wgs84&dryRun=1&filename=nanjing.csv', GOOD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, ok: true, rows: 4, added: 2, updated: 1, unchanged: 1, errors: [] });
    expect(r.body.items.map((i: { row: number; action: string }) => [i.row, i.action])).toEqual([[2, 'unchanged'], [3, 'update'], [4, 'add'], [5, 'add']]);
    expect(r.body.warnings).toContainEqual(expect.objectContaining({
      row: 4, field: 'name', reason: expect.stringContaining('"nj-1"'), code: 'likely_duplicate_existing', params: { id: 'nj-1', distance: expect.any(Number) },
    }));
    expect(await env.store.version()).toBe(v0);
    expect((await env.store.counts()).stations).toBe(2);
  });

  it('a dry run of a file with a bad row lists every problem (200, ok: false)', async () => {
    const r = await upload('kind=stations&dryRun=1', BAD);
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    const fields = r.body.errors.filter((e: { row: number }) => e.row === 6).map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['lat', 'type']);
    // each problem keeps its English reason and adds a code with its parameters, for the apps to word
    expect(r.body.errors).toContainEqual({ row: 6, field: 'lat', reason: '95 is out of range (−90 to 90); are lat and lng swapped?', code: 'lat_lng_swapped', params: { value: 95, max: 90 } });
    expect(r.body.errors).toContainEqual(expect.objectContaining({ row: 6, field: 'type', code: 'unknown_value', params: { value: 'spaceship' } }));
  });

  it('a workbook is one file error; a quote never closed is one error on its row, not thousands', async () => {
    const xlsx = new Uint8Array(2 * 1024 * 1024);
    xlsx.set([0x50, 0x4b, 0x03, 0x04]);
    const r = await upload('kind=stations&dryRun=1&filename=stations.csv', xlsx, 'application/octet-stream');
    expect(r.status).toBe(200);
    expect(r.body.errors).toMatchObject([{ row: 0, field: 'file', code: 'file_binary', params: { kind: 'zip' } }]);
    const junk = ['name,lat,lng', ...Array.from({ length: 5000 }, (_, i) => `x${i},"1,2,3,4`)].join('\n');
    const j = await upload('kind=stations', junk);
    expect(j.status).toBe(422);
    expect(j.body.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [2, 'csv', 'csv_malformed'], [2, 'lat', 'not_number'], [2, 'lng', 'missing'],
    ]);
    expect(j.body.errors[0].reason).toBe('Quoted field unterminated');
    expect(j.body.errors[1].params.value.length).toBeLessThanOrEqual(61); // the swallowed rest of the file is not quoted back
  });

  it('the real import of a bad file is a 422 with the report, and nothing is written', async () => {
    const v0 = await env.store.version();
    const r = await upload('kind=stations', BAD);
    expect(r.status).toBe(422);
    expect(r.res.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors.length).toBeGreaterThan(0);
    expect(await env.store.version()).toBe(v0);
    expect((await env.store.counts()).stations).toBe(2);
  });

  it('a good file is written at once (visible in nearest) and audited', async () => {
    const r = await upload('kind=stations&filename=nanjing.csv', GOOD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: false, ok: true, rows: 4, added: 2, updated: 1, unchanged: 1 });
    expect((await env.store.counts()).stations).toBe(4);
    const near = await send(env, 'GET', '/api/stations/nearest?lat=32.02&lng=118.78&limit=1');
    expect(near.body.items[0].name).toBe('秦淮驿站');
    const log = (await send(env, 'GET', '/api/admin/audit?targetType=import', { cookie: admin })).body.items;
    expect(log[0]).toMatchObject({ action: 'import.stations', target_id: 'nanjing.csv', after: { added: 2, updated: 1, unchanged: 1, crs: 'wgs84' } });
  });

  it('GeoJSON in GCJ-02 is converted to WGS-84', async () => {
    const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [118.7969, 32.0603] }, properties: { id: 'gcj-1', name: '火星坐标驿站', type: 'union_station' } }] };
    const r = await upload('kind=stations&crs=gcj02', JSON.stringify(doc), 'application/geo+json');
    expect(r.body.added).toBe(1);
    const s = (await send(env, 'GET', '/api/stations/gcj-1')).body.station;
    expect(Math.abs(s.lng - 118.7969)).toBeGreaterThan(0.003); // shifted back by a few hundred metres
  });

  it('merchants: an admin import publishes the listed shops (approved unless the file says otherwise)', async () => {
    const file = 'id,name,category,lat,lng,status\nimp-1,米其林轮胎,轮胎,31.23,121.47,\nimp-2,待审药店,pharmacy,31.24,121.48,pending\n';
    const preview = await upload('kind=merchants&dryRun=1', file);
    expect(preview.body).toMatchObject({ ok: true, added: 2 });
    expect((await upload('kind=merchants', file)).body).toMatchObject({ ok: true, added: 2 });
    const near = await send(env, 'GET', '/api/merchants/nearest?lat=31.23&lng=121.47&maxDistance=5000');
    expect(near.body.items.map((m: { id: string }) => m.id)).toEqual(['imp-1']);
    expect(near.body.items[0].category).toBe('tires');
  });

  it('refuses bad requests with 4xx problems', async () => {
    expect((await upload('kind=stations', 'x', 'image/png')).status).toBe(415);
    expect((await upload('kind=stations', '')).status).toBe(400);
    expect((await upload('kind=stations&crs=mars', GOOD)).status).toBe(400);
    expect((await upload('kind=planets', GOOD)).status).toBe(400);
    expect((await upload('kind=stations&dryRun=maybe', GOOD)).status).toBe(400);
  });

  it('accepts files above the API’s usual 1 MB body limit', async () => {
    const rows = Array.from({ length: 14000 }, (_, i) => `big-${i},大批量导入测试驿站第${i}号,union_station,${30 + i / 1e4},120,Mo-Su 08:00-20:00,drinking_water`);
    const file = ['id,name,type,lat,lng,opening_hours,amenities', ...rows].join('\n');
    expect(Buffer.byteLength(file)).toBeGreaterThan(1024 * 1024);
    const r = await upload('kind=stations&dryRun=1', file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, added: 14000, itemsTruncated: true });
  });
});

describe('admin export', () => {
  async function download(query: string) {
    const res = await env.app.request(`/api/admin/export?${query}`, { headers: { Cookie: admin } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }
  const liveStations = async () => (await env.store.stationChanges(0)).upserts.map((d) => JSON.parse(d));

  it('CSV: UTF-8 with BOM, attachment, Chinese intact, quoting safe', async () => {
    const tricky = { address: '玄武区, "北京东路" 1号', notes: '多行\n备注', verified_at: '2026-11-01T00:00:00.000Z' };
    await send(env, 'PATCH', '/api/admin/stations/nj-2', { cookie: admin, body: tricky });
    const { res, bytes } = await download('kind=stations&format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="yizhan-stations-2026-11-23\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('玄武驿站');
    expect(text).toContain('"玄武区, ""北京东路"" 1号"');
    expect(text).toContain('"多行\n备注"');
    expect(text).toContain('2026-11-01T00:00:00.000Z');
  });

  /** A station's content as the importer reads it back: everything but the update time. */
  const importable = (doc: Record<string, unknown>) => contentKey(doc); // every field but updated_at survives

  for (const format of ['csv', 'geojson'] as const) {
    it(`${format}: stations round-trip through the importer`, async () => {
      const { bytes } = await download(`kind=stations&format=${format}`);
      const n = (await liveStations()).length;
      const back = await upload(`kind=stations&dryRun=1&filename=export.${format}`, bytes, 'application/octet-stream');
      expect(back.body).toMatchObject({ ok: true, rows: n, added: 0 });
      expect(back.body.errors).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), 'yizhan-export-'));
      const fresh = openSqliteStore(join(dir, 'fresh.db'));
      try {
        expect((await importFile(fresh, bytes, { kind: 'stations', crs: 'wgs84', filename: `x.${format}` })).ok).toBe(true);
        const again = (await fresh.stationChanges(0)).upserts.map((d) => importable(JSON.parse(d))).sort();
        expect(again).toEqual((await liveStations()).map(importable).sort());
      } finally {
        fresh.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('merchants: every status, no owners, reasons or offers; round-trips into a fresh store', async () => {
    const { res, bytes } = await download('kind=merchants&format=geojson');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const doc = JSON.parse(new TextDecoder().decode(bytes));
    expect(doc.features[0].properties).toMatchObject({ id: 'shop-1', name: '中策轮胎', category: 'tires', status: 'approved' });
    expect(JSON.stringify(doc)).not.toMatch(/owner_id|u_x|九折/);
    const dir = mkdtempSync(join(tmpdir(), 'yizhan-export-'));
    const fresh = openSqliteStore(join(dir, 'fresh.db'));
    try {
      expect((await importFile(fresh, bytes, { kind: 'merchants', crs: 'wgs84', filename: 'm.geojson' })).ok).toBe(true);
      expect(await fresh.merchantById('shop-1')).toMatchObject({ name: '中策轮胎', lat: 32.06, lng: 118.79, status: 'approved' });
    } finally {
      fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports are audited; bad parameters are 400', async () => {
    const log = (await send(env, 'GET', '/api/admin/audit?targetType=export', { cookie: admin })).body.items;
    expect(log[0]).toMatchObject({ action: 'export.merchants', after: { format: 'geojson', count: 3 } });
    expect((await send(env, 'GET', '/api/admin/export?format=xlsx', { cookie: admin })).status).toBe(400);
  });
});
