/**
 * /tiles/{z}/{x}/{y} from an MBTiles file built in the test setup (tests/fixtures/make-mbtiles.ts).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { openMbtiles } from '../../api/mbtiles';
import { openSqliteStore } from '../../api/store/sqlite';
import { makeMbtiles, tileOf, type MbtilesFixture } from '../fixtures/make-mbtiles';
import { NOW } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-tiles-'));
const file = join(dir, 'test.mbtiles');
const closers: (() => void)[] = [];
let fixture: MbtilesFixture;
let served: Awaited<ReturnType<typeof appWith>>;

/** The app with the given environment. */
async function appWith(vars: Record<string, string>) {
  const db = join(dir, `db-${closers.length}.db`), store = openSqliteStore(db);
  closers.push(() => store.close());
  const config = { ...loadConfig(vars), databasePath: db, webRoot: join(dir, 'no-web') };
  return createApp({ store, config, listings: await createListings(store, { checkIntervalMs: 0 }), clock: () => NOW });
}

beforeAll(async () => {
  fixture = makeMbtiles(file);
  served = await appWith({ MBTILES_PATH: file });
});
afterAll(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bytes the file holds for slippy-map z/x/y (TMS row flipped). */
function stored(z: number, x: number, y: number): Buffer | undefined {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck().get(z, x, 2 ** z - 1 - y) as Buffer | undefined;
  } finally {
    db.close();
  }
}

describe('GET /tiles/{z}/{x}/{y}', () => {
  it('serves each tile of the file as PNG with a long cache lifetime and an ETag', async () => {
    expect(fixture.tiles.length).toBeGreaterThan(10);
    for (const key of fixture.tiles) {
      const [z, x, y] = key.split('/').map(Number);
      const res = await served.request(`/tiles/${key}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d{6,}/);
      expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(body).toEqual(stored(z, x, y)); // rows are flipped from TMS to slippy-map order
    }
  });

  it('accepts a .png/.jpg/.webp suffix, and answers 304 to a matching If-None-Match', async () => {
    const [x, y] = tileOf(120.3, 31.57, 8); // Wuxi
    const plain = await served.request(`/tiles/8/${x}/${y}`);
    const suffixed = await served.request(`/tiles/8/${x}/${y}.png`);
    expect(suffixed.status).toBe(200);
    expect(Buffer.from(await suffixed.arrayBuffer())).toEqual(Buffer.from(await plain.arrayBuffer()));
    const etag = plain.headers.get('etag')!;
    const again = await served.request(`/tiles/8/${x}/${y}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const other = await served.request(`/tiles/8/${x}/${y}`, { headers: { 'If-None-Match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('404 problem for a tile the file does not have', async () => {
    const [x, y] = tileOf(87.6, 43.8, 8); // Ürümqi: far outside the fixture
    for (const path of [`/tiles/8/${x}/${y}`, '/tiles/12/3000/1500', '/tiles/0/0/0']) {
      const res = await served.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  const bad: [string, string][] = [
    ['/tiles/abc/1/1', 'z'],
    ['/tiles/31/0/0', 'z'],
    ['/tiles/3/8/1', 'x'],
    ['/tiles/3/-1/1', 'x'],
    ['/tiles/3/1/8', 'y'],
    ['/tiles/3/1/1.gif', 'y'],
    ['/tiles/3/1.5/1', 'x'],
  ];
  for (const [path, param] of bad) {
    it(`400 problem naming "${param}" for ${path}`, async () => {
      const res = await served.request(path);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.invalid_params.map((p: { name: string }) => p.name)).toContain(param);
    });
  }

  it('404 problem for other paths under /tiles, and everywhere when no file is configured', async () => {
    expect((await served.request('/tiles/3/1')).status).toBe(404);
    const none = await appWith({});
    const res = await none.request('/tiles/8/214/105');
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toMatch(/MBTILES_PATH/);
  });

  it('makes the API its own prefetchable tile source when MBTILES_PATH is set and TILE_URL is not', async () => {
    const own = await (await served.request('/api/config')).json();
    expect(own.tiles).toMatchObject({ url: '/tiles/{z}/{x}/{y}', allowPrefetch: true });
    // what the file covers, so saving for offline asks only for tiles that exist, with an honest size
    expect(own.tiles).toMatchObject({ minZoom: fixture.minZoom, maxNativeZoom: fixture.maxZoom, bounds: fixture.bounds });
    expect(own.tiles.tileBytes).toBe(Math.round(stored(5, ...tileOf(120, 31.5, 5))!.length)); // the fixture's tiles are all one size
    const osm = await (await (await appWith({})).request('/api/config')).json();
    expect(osm.tiles.allowPrefetch).toBe(false);
    expect(osm.tiles).not.toHaveProperty('bounds');
    const other = await (await (await appWith({ MBTILES_PATH: file, TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' })).request('/api/config')).json();
    expect(other.tiles).toMatchObject({ url: 'https://tiles.example.org/{z}/{x}/{y}.png', allowPrefetch: false });
    expect(other.tiles).not.toHaveProperty('maxNativeZoom');
  });
});

describe('openMbtiles', () => {
  it('reads the metadata and format, and refuses files that are not raster MBTiles', () => {
    const tiles = openMbtiles(file);
    expect(tiles.format).toBe('png');
    expect(tiles.metadata).toMatchObject({ minzoom: '5', maxzoom: '8', bounds: fixture.bounds.join(',') });
    tiles.close();
    expect(() => openMbtiles(join(dir, 'missing.mbtiles'))).toThrow(/MBTILES_PATH: cannot open/);
    writeFileSync(join(dir, 'not.mbtiles'), 'hello');
    expect(() => openMbtiles(join(dir, 'not.mbtiles'))).toThrow(/MBTILES_PATH/);
    const vector = join(dir, 'vector.mbtiles');
    makeMbtiles(vector, { minZoom: 1, maxZoom: 1, format: 'pbf' });
    expect(() => openMbtiles(vector)).toThrow(/raster/);
  });
});
