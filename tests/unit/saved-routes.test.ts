// Routes saved for offline use: the record in IndexedDB (fake-indexeddb), tiles planned like the map
// draws them (URLs checked against Leaflet's own TileLayer, bounds against its LatLngBounds), and
// fetched from a real local HTTP server into Cache Storage (a tiny in-memory fake: Node has none)
// — never from a source that does not allow it, and nothing left behind when cancelled.
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDB } from 'idb';
import type * as Leaflet from 'leaflet';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromWgs84 } from '../../data/crs';
import { AVERAGE_TILE_BYTES, corridorTileCounts, corridorTiles } from '../../data/geo/corridor-tiles';
import type { CorridorItem, LngLat, TileConfig } from '../../web/lib/api';
import { openDb, type Db } from '../../web/lib/db';
import {
  ROUTE_TILE_CACHE_PREFIX, deleteRoute, getRoute, listRoutes, pruneRouteCaches, routeTileCache, saveRoute, storageEstimate, type SavedRoute,
} from '../../web/lib/saved-routes';
import { planTileCoords, planTiles, prefetchTiles } from '../../web/lib/route-tiles';
import { tileUrl } from '../../data/map-tiles';

/** Just enough Cache Storage: named maps of URL → response. */
function fakeCaches() {
  const all = new Map<string, Map<string, Response>>();
  const key = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
  const open = async (name: string) => {
    const m = all.get(name) ?? all.set(name, new Map()).get(name)!;
    return {
      put: async (k: RequestInfo | URL, res: Response) => void m.set(key(k), new Response(await res.arrayBuffer(), res)),
      match: async (k: RequestInfo | URL) => m.get(key(k))?.clone(),
      keys: async () => [...m.keys()].map((u) => new Request(u)),
    };
  };
  return { open, has: async (n: string) => all.has(n), delete: async (n: string) => all.delete(n), keys: async () => [...all.keys()] };
}

const LINE: LngLat[] = [[118.76, 32.04], [118.79, 32.06], [118.82, 32.07]]; // across Nanjing
const source = (over: Partial<TileConfig> = {}): TileConfig => ({
  url: '/tiles/{z}/{x}/{y}.png', subdomains: '', attribution: '', crs: 'wgs84', maxZoom: 19, allowPrefetch: true, ...over,
});
const OSM = source({ url: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: 'abc', allowPrefetch: false });
const tileSize = (x: number, y: number) => 100 + ((x * 7 + y) % 50);

let L: typeof Leaflet;
let db: Db;
let server: Server;
let origin: string;
/** path → requests; what the server does with a request (n: how many it has had for the path) */
const hits = new Map<string, number>();
let behave: (path: string, n: number) => 'ok' | 404 | 'drop' | 'hang' = () => 'ok';
let onRequest: (path: string) => void = () => {};

beforeAll(async () => {
  vi.stubGlobal('caches', fakeCaches());
  // Leaflet reads the screen and the DOM when it loads, and nothing more for what is checked here
  vi.stubGlobal('window', globalThis);
  vi.stubGlobal('devicePixelRatio', 1);
  vi.stubGlobal('navigator', { userAgent: 'node', platform: '' });
  vi.stubGlobal('document', { documentElement: { style: {} }, createElement: () => ({ style: {} }) });
  L = ((await import('leaflet')) as unknown as { default: typeof Leaflet }).default;
  db = await openDb('saved-routes-test');
  server = createServer((req, res) => {
    const path = req.url!, n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    onRequest(path);
    const b = behave(path, n);
    if (b === 'drop') return void req.socket.destroy();
    if (b === 'hang') return;
    if (b === 404) return void res.writeHead(404).end();
    const [x, y] = path.split('/').slice(3).map((s) => parseInt(s, 10));
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(Buffer.alloc(tileSize(x, y)));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  vi.unstubAllGlobals();
});

const route = (id: string, createdAt: number, tiles: SavedRoute['tiles'] = null): Omit<SavedRoute, 'bytes'> => ({
  id, name: `路线 ${id}`, createdAt, line: LINE, length: 7_000, width: 1_000, query: { open: '24h' }, tiles,
  items: [{ kind: 'station', id: `s-${id}`, name: '鼓楼驿站', along: 10, offset: 5 } as unknown as CorridorItem],
});

describe('saved routes in IndexedDB', () => {
  it('saves, lists newest first as summaries, reads back whole, and counts the bytes', async () => {
    const a = await saveRoute(db, route('a', 1_000));
    const b = await saveRoute(db, route('b', 2_000, { cache: routeTileCache('b'), minZoom: 10, maxZoom: 14, count: 12, bytes: 180_000 }));
    expect(a.bytes).toBe(new TextEncoder().encode(JSON.stringify(route('a', 1_000))).length); // UTF-8: 路线, 鼓楼驿站 are 3 bytes a character
    expect(a.bytes).toBeGreaterThan(JSON.stringify(route('a', 1_000)).length);
    expect(b.bytes).toBe(new TextEncoder().encode(JSON.stringify(route('b', 2_000, b.tiles))).length + 180_000);
    expect(await listRoutes(db)).toEqual([
      { id: 'b', name: '路线 b', createdAt: 2_000, length: 7_000, bytes: b.bytes, tiles: 12, items: 1 },
      { id: 'a', name: '路线 a', createdAt: 1_000, length: 7_000, bytes: a.bytes, tiles: 0, items: 1 },
    ]);
    expect(await getRoute(db, 'b')).toEqual(b);
    expect(await getRoute(db, 'nope')).toBeUndefined();
  });

  it('deletes the record and its tile cache, also when the cache is already gone or the route unknown', async () => {
    const cache = await caches.open(routeTileCache('c'));
    await cache.put(`${origin}/tiles/1/0/0.png`, new Response('tile'));
    await saveRoute(db, route('c', 3_000, { cache: routeTileCache('c'), minZoom: 1, maxZoom: 1, count: 1, bytes: 4 }));
    await saveRoute(db, route('d', 4_000, { cache: routeTileCache('d'), minZoom: 1, maxZoom: 1, count: 1, bytes: 4 })); // its cache never made
    await deleteRoute(db, 'c');
    expect(await getRoute(db, 'c')).toBeUndefined();
    expect(await caches.has(routeTileCache('c'))).toBe(false);
    await deleteRoute(db, 'd');
    expect(await getRoute(db, 'd')).toBeUndefined();
    await expect(deleteRoute(db, 'never-saved')).resolves.toBeUndefined();
    expect((await listRoutes(db)).map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('prunes tile caches no saved route refers to', async () => {
    await caches.open(routeTileCache('b'));
    await caches.open(routeTileCache('orphan'));
    await caches.open('yizhan-tiles');
    expect(await pruneRouteCaches(db)).toEqual([routeTileCache('orphan')]);
    expect(await caches.keys()).toEqual(expect.arrayContaining([routeTileCache('b'), 'yizhan-tiles']));
    expect(await caches.has(routeTileCache('orphan'))).toBe(false);
  });

  it('upgrades a version-1 database, keeping what it held', async () => {
    const old = await openDB('saved-routes-upgrade', 1, {
      upgrade(up) {
        for (const [name, keyPath] of [['meta', undefined], ['chunks', 'key'], ['docs', 'key'], ['outbox', 'clientId']] as const) up.createObjectStore(name, { keyPath });
      },
    });
    await old.put('outbox', { clientId: 'r1', state: 'pending' });
    old.close();
    const up = await openDb('saved-routes-upgrade');
    expect(await up.get('outbox', 'r1')).toMatchObject({ state: 'pending' });
    await saveRoute(up, route('e', 5_000));
    expect((await listRoutes(up)).map((r) => r.id)).toEqual(['e']);
  });
});

describe('tileUrl', () => {
  it("builds every URL exactly as Leaflet 1.9's TileLayer does", () => {
    const templates = [
      'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      '/tiles/{z}/{x}/{y}',
      'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
      'https://t{s}.example.com/{z}/{x}/{-y}{r}.png',
    ];
    for (const template of templates) {
      for (const subdomains of ['abc', '1234', '']) {
        for (const retina of [false, true]) {
          (L.Browser as { retina: boolean }).retina = retina;
          const layer = L.tileLayer(template, subdomains ? { subdomains } : {}) as unknown as Record<string, unknown> & { getTileUrl(c: object): string };
          for (let k = 0; k < 60; k++) {
            const z = k % 19, n = 2 ** z, x = (k * 7919) % n, y = (k * 104_729) % n;
            Object.assign(layer, { _tileZoom: z, _map: { options: { crs: L.CRS.EPSG3857 } }, _globalTileRange: { max: { y: n - 1 } } });
            expect(tileUrl(template, subdomains, z, x, y, { retina })).toBe(layer.getTileUrl({ x, y, z }));
          }
        }
      }
    }
    (L.Browser as { retina: boolean }).retina = false;
  });

  it('resolves a relative template against the origin, and refuses unknown placeholders like Leaflet', () => {
    expect(tileUrl('/tiles/{z}/{x}/{y}', '', 3, 4, 5, { base: 'https://yizhan.example' })).toBe('https://yizhan.example/tiles/3/4/5');
    expect(tileUrl('https://{s}.t.example/{z}/{x}/{y}', 'ab', 3, 4, 5, { base: 'https://yizhan.example' })).toBe('https://b.t.example/3/4/5');
    expect(() => tileUrl('/tiles/{z}/{x}/{y}?key={apikey}', '', 1, 0, 0)).toThrow('{apikey}');
  });
});

describe('planTiles', () => {
  it('counts a source without prefetch too, but says it may not be saved', () => {
    const plan = planTiles(OSM, LINE, 1_000, 10, 14);
    expect(plan.allowed).toBe(false);
    expect(plan.perZoom).toEqual(corridorTileCounts(LINE, 1_000, 10, 14));
    expect(plan.count).toBe(plan.perZoom.reduce((n, c) => n + c.tiles, 0));
    expect(plan.bytes).toBe(plan.count * AVERAGE_TILE_BYTES);
  });

  it("clamps the zooms to the source's, and estimates with its tile size", () => {
    const t = source({ minZoom: 11, maxNativeZoom: 13, maxZoom: 19, tileBytes: 20_000 });
    const plan = planTiles(t, LINE, 1_000, 5, 18);
    expect([plan.minZoom, plan.maxZoom, plan.perZoom.map((c) => c.zoom)]).toEqual([11, 13, [11, 12, 13]]);
    expect(plan.bytes).toBe(plan.count * 20_000);
    expect(planTiles(source({ maxZoom: 12 }), LINE, 1_000, 10, 18).perZoom.map((c) => c.zoom)).toEqual([10, 11, 12]);
    expect(planTiles(t, LINE, 1_000, 14, 18)).toMatchObject({ perZoom: [], count: 0, bytes: 0 });
    expect([...planTileCoords(t, LINE, 1_000, 5, 18)]).toHaveLength(plan.count);
  });

  it('plans the tiles a GCJ-02 source draws the route on (shifted), not the WGS-84 ones', () => {
    const drawn = LINE.map((p) => fromWgs84(p, 'gcj02'));
    const gcj = [...planTileCoords(source({ crs: 'gcj02' }), LINE, 300, 16, 16)].map((t) => [t.x, t.y]);
    expect(gcj).toEqual(corridorTiles(drawn, 300, 16));
    expect(gcj).not.toEqual(corridorTiles(LINE, 300, 16));
  });

  it("leaves out tiles outside the source's bounds, as Leaflet's `bounds` option does", () => {
    for (const crs of ['wgs84', 'gcj02'] as const) {
      const bounds: [number, number, number, number] = [118.7, 32.0, 118.795, 32.1]; // the western half of the route
      const drawn = LINE.map((p) => fromWgs84(p, crs));
      const [sw, ne] = [fromWgs84([bounds[0], bounds[1]], crs), fromWgs84([bounds[2], bounds[3]], crs)];
      const within = L.latLngBounds([sw[1], sw[0]], [ne[1], ne[0]]);
      for (let z = 12; z <= 15; z++) {
        const corner = (x: number, y: number) => L.CRS.EPSG3857.pointToLatLng(L.point(x * 256, y * 256), z);
        const oracle = corridorTiles(drawn, 1_000, z).filter(([x, y]) => within.overlaps(L.latLngBounds(corner(x, y + 1), corner(x + 1, y))));
        const planned = [...planTileCoords(source({ crs, bounds }), LINE, 1_000, z, z)].map((t) => [t.x, t.y]);
        expect(planned).toEqual(oracle);
        expect(planned.length).toBeLessThan(corridorTiles(drawn, 1_000, z).length);
      }
      expect(planTiles(source({ crs, bounds: [100, 20, 130, 40] }), LINE, 1_000, 10, 14).perZoom).toEqual(planTiles(source({ crs }), LINE, 1_000, 10, 14).perZoom);
    }
  });
});

describe('prefetchTiles', () => {
  const ZOOMS = { minZoom: 10, maxZoom: 13 };
  const run = (over: Partial<Parameters<typeof prefetchTiles>[0]> = {}) =>
    prefetchTiles({ tiles: source(), line: LINE, widthM: 1_000, ...ZOOMS, cacheName: routeTileCache('p'), origin, ...over });
  const planned = (t = source()) => [...planTileCoords(t, LINE, 1_000, ZOOMS.minZoom, ZOOMS.maxZoom)];
  const path = (t: { z: number; x: number; y: number }) => `/tiles/${t.z}/${t.x}/${t.y}.png`;
  const reset = async () => {
    hits.clear();
    behave = () => 'ok';
    onRequest = () => {};
    await caches.delete(routeTileCache('p'));
  };

  it('refuses a source that does not allow prefetch, without fetching anything', async () => {
    const fetch = vi.fn();
    await expect(run({ tiles: OSM, fetch })).rejects.toThrow('does not allow');
    expect(fetch).not.toHaveBeenCalled();
    expect(await caches.has(routeTileCache('p'))).toBe(false);
  });

  it('fetches every planned tile once into the cache under its absolute URL, with progress up to the total', async () => {
    await reset();
    const progress: { done: number; total: number; bytes: number }[] = [];
    const modes: (RequestMode | undefined)[] = [];
    const fetch = ((url: string, init?: RequestInit) => (modes.push(init?.mode), globalThis.fetch(url, init))) as typeof globalThis.fetch;
    const r = await run({ onProgress: (p) => progress.push(p), fetch });
    const tiles = planned();
    expect(tiles.length).toBeGreaterThan(10);
    expect([...hits.keys()].sort()).toEqual(tiles.map(path).sort());
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
    const bytes = tiles.reduce((n, t) => n + tileSize(t.x, t.y), 0);
    expect(r).toEqual({ count: tiles.length, bytes, failed: 0 });
    expect(progress[0]).toEqual({ done: 0, total: tiles.length, bytes: 0 });
    expect(progress.at(-1)).toEqual({ done: tiles.length, total: tiles.length, bytes });
    expect(progress.every((p, k) => k === 0 || p.done === progress[k - 1].done + 1)).toBe(true);
    expect(new Set(modes)).toEqual(new Set(['cors']));
    const cache = await caches.open(routeTileCache('p'));
    const t = tiles[tiles.length - 1];
    expect((await (await cache.match(`${origin}${path(t)}`))!.arrayBuffer()).byteLength).toBe(tileSize(t.x, t.y));
  });

  it('skips tiles the source does not have (404), retries a network failure once, then counts it failed', async () => {
    await reset();
    const tiles = planned(), [missing, flaky, broken] = [path(tiles[1]), path(tiles[5]), path(tiles[9])];
    behave = (p, n) => (p === missing ? 404 : p === flaky && n === 1 ? 'drop' : p === broken ? 'drop' : 'ok');
    const progress: number[] = [];
    const r = await run({ onProgress: (p) => progress.push(p.done) });
    expect([hits.get(missing), hits.get(flaky), hits.get(broken)]).toEqual([1, 2, 2]);
    expect(r).toMatchObject({ count: tiles.length - 2, failed: 1 });
    expect(progress.at(-1)).toBe(tiles.length);
    const cache = await caches.open(routeTileCache('p'));
    expect(await cache.match(`${origin}${missing}`)).toBeUndefined();
    expect(await cache.match(`${origin}${broken}`)).toBeUndefined();
    expect(await cache.match(`${origin}${flaky}`)).toBeDefined();
  });

  it('on abort stops at once, deletes the cache and rejects with an AbortError', async () => {
    await reset();
    const tiles = planned(), stuck = tiles.slice(4).map(path);
    const ctl = new AbortController();
    behave = (p) => (stuck.includes(p) ? 'hang' : 'ok'); // the server stops answering: the user gives up
    let stored = 0;
    onRequest = (p) => void (p === stuck[0] && setTimeout(() => ctl.abort(), 50));
    const started = Date.now();
    await expect(run({ signal: ctl.signal, onProgress: (p) => void (stored = p.bytes) })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stored).toBeGreaterThan(0); // tiles had been stored …
    expect(await caches.has(routeTileCache('p'))).toBe(false); // … and are gone
    const asked = hits.size;
    await new Promise((ok) => setTimeout(ok, 100));
    expect(hits.size).toBe(asked); // nothing more asked after the abort
    expect(asked).toBeLessThan(tiles.length);
    ctl.abort();
    await expect(run({ signal: ctl.signal })).rejects.toMatchObject({ name: 'AbortError' }); // already cancelled: nothing starts
  });
});

describe('storageEstimate', () => {
  it("reports the browser's estimate, or null when there is none", async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1_234, quota: 10_000_000 }) } });
    expect(await storageEstimate()).toEqual({ usage: 1_234, quota: 10_000_000 });
    vi.stubGlobal('navigator', {});
    expect(await storageEstimate()).toBeNull();
  });
});

it('names route tile caches with the prefix the worker looks for', () => {
  expect(routeTileCache('x')).toBe(`${ROUTE_TILE_CACHE_PREFIX}x`);
  expect(ROUTE_TILE_CACHE_PREFIX).toBe('yizhan-route-');
});
