// A truck driver's routes, in Chromium against a server that serves its own map tiles from an
// MBTiles file (a source that allows prefetch) and routes through a local OSRM-compatible stub:
// import a GPX → the places along it in route order (as the API answers); save it for offline with
// its map (progress to 100 %); cut the network, reload, open the saved route → its list and map
// tiles are there; delete it → its storage is freed. Also: from/to through the router, tapped points.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { GAZETTEER } from '../../data/places/gazetteer-data';
import { nearestPlace, parseGazetteer, placeFullName } from '../../data/places/gazetteer';
import { makeMbtiles, type MbtilesFixture } from '../fixtures/make-mbtiles';
import { startAppServer, type AppServer } from './app-server';
import { NANJING } from './fixtures';
import { cutNetwork, harness, historyBack, type Harness } from './harness';

/** Nanjing → Zhenjiang → Changzhou → Wuxi → Suzhou → Shanghai, a few points between each. */
const TOWNS: [number, number][] = [[118.7969, 32.0603], [119.4551, 32.2044], [119.9741, 31.8112], [120.3119, 31.4912], [120.5853, 31.2989], [121.4737, 31.2304]];
const LINE: [number, number][] = TOWNS.flatMap((a, k) => {
  const b = TOWNS[k + 1];
  if (!b) return [a];
  // bends of a few hundred metres, so that no point is simplified away
  return [0, 0.25, 0.5, 0.75].map((f, j): [number, number] => [+(a[0] + f * (b[0] - a[0])).toFixed(6), +(a[1] + f * (b[1] - a[1]) + (j % 2) * 0.003).toFixed(6)]);
});
const GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>宁沪线 G42</name><trkseg>${LINE.map(([lng, lat]) => `<trkpt lat="${lat}" lon="${lng}"></trkpt>`).join('')}</trkseg></trk>
</gpx>`;

let h: Harness;
let dir: string;
let tiles: MbtilesFixture;
let app: AppServer;
let router: Server;
const routed: string[] = [];
let context: BrowserContext;
let page: Page;
const places = parseGazetteer(GAZETTEER);
/** The city or county a position is named after (南京市鼓楼区). */
const placeAt = (lng: number, lat: number) => placeFullName(nearestPlace(places, lng, lat), 'zh');

/** An OSRM-compatible stub: a straight line with 20 steps between the asked positions. */
function startRouter(): Promise<string> {
  router = createServer((req, res) => {
    routed.push(req.url ?? '');
    const m = /\/route\/v1\/driving\/([^?]+)/.exec(req.url ?? '');
    const stops = (m ? decodeURIComponent(m[1]) : '').split(';').map((p) => p.split(',').map(Number));
    const coordinates = stops.flatMap((a, k) => (k === stops.length - 1 ? [a] : Array.from({ length: 20 }, (_, s) => [a[0] + (s / 20) * (stops[k + 1][0] - a[0]), a[1] + (s / 20) * (stops[k + 1][1] - a[1])])));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 'Ok', routes: [{ distance: 300_000, duration: 12_600, geometry: { type: 'LineString', coordinates } }] }));
  });
  return new Promise((resolve) => router.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(router.address() as { port: number }).port}`)));
}

const routeRows = () => page.locator('ol[aria-labelledby="route-list-title"] li.row');
const rowIds = () => routeRows().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
const routeCaches = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('yizhan-route-')));
const cachedUrls = (name: string) => page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname), name);
const savedRecords = () =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const r = indexedDB.open('yizhan');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const all = r.result.transaction('routes').objectStore('routes').count();
          all.onsuccess = () => (resolve(all.result), r.result.close());
        };
      }),
  );
/**
 * Bytes in Cache Storage, where a saved route's tiles are (Chromium's usageDetails). Not the total:
 * IndexedDB's usage grows when a record is deleted (its log) until the browser compacts it.
 */
const cacheUsage = () =>
  page.evaluate(async () => ((await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { caches?: number } }).usageDetails?.caches ?? 0);
/**
 * The tile bytes the saved routes' records count. Read from IndexedDB, not from the caches: a Cache
 * object or a cached response alive in the page would keep a deleted cache on disk.
 */
const savedTileBytes = () =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const r = indexedDB.open('yizhan');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const all = r.result.transaction('routes').objectStore('routes').getAll();
          all.onsuccess = () => (resolve(all.result.reduce((n, x: { tiles: { bytes: number } | null }) => n + (x.tiles?.bytes ?? 0), 0)), r.result.close());
        };
      }),
  );

async function corridorIds(line: [number, number][], width: number): Promise<string[]> {
  const res = await fetch(`${app.url}/api/corridor`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ line, width, kinds: ['stations'], limit: 2000 }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
}

async function openRoutes() {
  await page.getByRole('button', { name: '路线：规划、导入或查看已保存的路线' }).click();
}

beforeAll(async () => {
  h = await harness(); // builds the app when needed, and the shared browser
  dir = mkdtempSync(join(tmpdir(), 'yizhan-routes-'));
  tiles = makeMbtiles(join(dir, 'tiles.mbtiles'), { grainy: true }); // tiles of a real tile's weight: their freeing must show
  app = await startAppServer({ dir, demoStations: 1500, env: { MBTILES_PATH: join(dir, 'tiles.mbtiles'), ROUTER_URL: await startRouter() } });
  context = await h.browser.newContext({
    baseURL: app.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow', geolocation: NANJING, permissions: ['geolocation'],
  });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  app?.stop();
  router?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('routes', () => {
  let ids: string[] = [];
  let saved: string[] = [];

  it('imports a GPX track and lists what is along it in route order, as the API answers', async () => {
    await page.goto('/');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await openRoutes();
    await page.locator('input[type=file]').setInputFiles({ name: 'g42.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(GPX) });
    await page.getByRole('heading', { name: '宁沪线 G42' }).waitFor();
    await routeRows().first().waitFor({ timeout: 15_000 });
    ids = await corridorIds(LINE, 2000);
    expect(ids.length).toBeGreaterThan(3);
    await expect.poll(rowIds).toEqual(ids.slice(0, 100));
    // km along the route only grows down the list; the map numbers the same stops
    const km = await routeRows().locator('.row-dist').allTextContents();
    const values = km.map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(await page.locator('.mk-stop').count()).toBe(Math.min(ids.length, 300));
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThanOrEqual(2);
  });

  it('exports the route as GPX: the track and a waypoint per stop, in order', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 GPX' }).click()]);
    expect(download.suggestedFilename()).toBe('宁沪线 G42.gpx');
    await download.saveAs(join(dir, 'export.gpx')); // the browser runs as a server: its files are not ours to read
    const gpx = readFileSync(join(dir, 'export.gpx'), 'utf8');
    expect(gpx.match(/<trkpt /g)?.length).toBe(LINE.length);
    const unescape = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    const names = [...gpx.matchAll(/<wpt [^>]*>\s*<name>([^<]*)<\/name>/g)].map((m) => unescape(m[1]));
    const stations = await Promise.all(ids.map((id) => h.api<{ station: { name: string } }>('/api/stations/' + id).catch(() => null)));
    expect(names).toEqual(stations.map((x) => x?.station.name));
  });

  it('saves the route with the map tiles along it (progress to 100 %)', async () => {
    await page.getByRole('button', { name: '离线保存' }).click();
    const dialog = page.getByRole('dialog');
    const estimate = await dialog.locator('.radio-row').first().textContent();
    const planned = Number(/(\d+) 张地图/.exec(estimate ?? '')?.[1]);
    expect(planned).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: '开始保存' }).click();
    await dialog.locator('.save-done').waitFor({ timeout: 60_000 });
    const bar = dialog.locator('progress');
    expect(await bar.getAttribute('value')).toBe(String(planned));
    expect(await bar.getAttribute('max')).toBe(String(planned));
    expect(await dialog.locator('#save-progress-label').textContent()).toContain('100%');
    const [cache] = await routeCaches();
    saved = await cachedUrls(cache);
    expect(saved.length).toBe(planned);
    const inFile = new Set(tiles.tiles.map((t) => `/tiles/${t}`));
    expect(saved.filter((u) => !inFile.has(u))).toEqual([]); // only tiles the file has
    await dialog.getByRole('button', { name: '完成' }).click();
    expect(await savedRecords()).toBe(1);
  });

  it('opens the saved route with no network: its list and its map tiles are there', async () => {
    await cutNetwork(context, page);
    await page.reload();
    await openRoutes();
    await page.getByRole('button', { name: '宁沪线 G42', exact: true }).click();
    await expect.poll(rowIds, { timeout: 15_000 }).toEqual(ids.slice(0, 100));
    const savedSet = new Set(saved);
    // tiles load one by one (the first may be one the worker kept from browsing): wait for a saved one
    const shownSaved = async () => (await page.locator('img.leaflet-tile-loaded').evaluateAll((els) => els.map((e) => new URL((e as HTMLImageElement).src).pathname)))
      .filter((u) => savedSet.has(u)).length;
    await expect.poll(shownSaved, { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('deletes the saved route and frees its storage', async () => {
    const bytes = await savedTileBytes();
    // Cache Storage holds more than the route: a list or a tile the app's own caches take in meanwhile
    // (or one whose write is counted late) moves the total by a few KB. The route's tiles weigh many
    // times that, so a route whose bytes stayed on disk still fails.
    const others = 32 * 1024;
    expect(bytes).toBeGreaterThan(4 * others);
    const before = await cacheUsage();
    await page.getByRole('button', { name: '关闭路线' }).click();
    await page.getByRole('button', { name: '删除“宁沪线 G42”', exact: true }).click();
    await page.getByRole('button', { name: '再点一次删除“宁沪线 G42”', exact: true }).click();
    await page.getByText('还没有保存的路线', { exact: false }).waitFor();
    expect(await routeCaches()).toEqual([]);
    expect(await savedRecords()).toBe(0);
    // An open Cache or a cached Response keeps a deleted cache's bytes on disk until it is collected
    // (this test's own page opened one above): the page's garbage is collected now, as the browser
    // does in its own time; the app must hold none (a Cache it kept open would still hold them)
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
    // the browser's usage estimate catches up on its own time (10 s was not always enough on a busy machine)
    await expect.poll(cacheUsage, { timeout: 20_000 }).toBeLessThanOrEqual(before - bytes + others);
  });

  it('plans from my position to a city through the router, named after the places', async () => {
    await context.setOffline(false); // the tests before cut the network
    await page.reload();
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    await openRoutes();
    await page.getByLabel('终点').fill('上海');
    await page.getByRole('button', { name: '上海市', exact: true }).click();
    await page.getByRole('button', { name: '规划路线', exact: true }).click();
    // "我的位置 → 上海" would mean nothing later: the position is named after its district
    const title = `${placeAt(NANJING.longitude, NANJING.latitude)} → 上海市`;
    expect(title).toMatch(/^南京市(鼓楼|玄武|秦淮)区 → 上海市$/);
    await page.getByRole('heading', { name: title }).waitFor();
    const shanghai = places.byCode.get('310000')!;
    expect(routed.at(-1)).toContain(`/route/v1/driving/118.7969,32.0603;${shanghai.lng},${shanghai.lat}`);
    await routeRows().first().waitFor({ timeout: 15_000 });
    // a stop's detail, and the phone's Back returns to the route's list
    const first = routeRows().first();
    const name = (await first.locator('.row-name').textContent())!;
    await first.locator('.row-name').click();
    await expect.poll(() => page.locator('#detail-title').textContent().catch(() => null), { timeout: 10_000 }).toBe(name);
    await historyBack(page);
    await expect.poll(() => first.isVisible()).toBe(true);
    await page.getByRole('button', { name: '关闭路线' }).click();
  });

  it('plans from a point on the map to a county found by its pinyin; saved under their place names', async () => {
    await openRoutes();
    await page.getByRole('button', { name: '清除“起点”' }).or(page.getByRole('button', { name: '清除起点' })).click();
    await page.locator('.place-field').first().getByRole('button', { name: '在地图上选' }).click();
    const map = page.locator('.map');
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.25 } });
    await page.getByLabel('终点').fill('kunshan');
    await page.getByRole('button', { name: '昆山市 · 江苏省苏州市' }).click();
    await page.getByRole('button', { name: '规划路线', exact: true }).click();
    await expect.poll(() => routed.length && routed.at(-1)!.includes('120.9')).toBeTruthy();
    const [from] = /driving\/([^;]+);/.exec(routed.at(-1)!)![1].split(';').map((p) => p.split(',').map(Number));
    const name = `${placeAt(from[0], from[1])} → 昆山市`;
    await page.getByRole('heading', { name }).waitFor();
    // the save dialog offers the same name
    await page.getByRole('button', { name: '离线保存' }).click();
    expect(await page.locator('#save-route-name').inputValue()).toBe(name);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: '关闭路线' }).click();
  });

  it('says plainly when no city, county, station or shop has the name typed', async () => {
    // back at the planner (closing the route leaves it)
    await page.getByLabel('终点').fill('火星城');
    await expect.poll(() => page.locator('.place-field .form-error').textContent()).toBe('没有叫“火星城”的城市、区县、驿站或商户。');
  });

  it('draws a route by tapping the map', async () => {
    await page.getByRole('button', { name: '在地图上点出路线' }).click();
    const map = page.locator('.map');
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.3, y: box.height * 0.3 } });
    await map.click({ position: { x: box.width * 0.6, y: box.height * 0.35 } });
    await page.getByText('已点 2 个点', { exact: false }).waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    // named after the places at its ends (a tapped point means nothing later)
    await page.getByRole('heading', { name: /^[^ ]+[市区县](?: → [^ ]+[市区县])?（手绘，2 个点）$/ }).waitFor();
    await page.locator('#route-list-title').waitFor();
    // the phone's Back leaves route mode for the nearest list
    await historyBack(page);
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    expect(await page.locator('.route-panel').count()).toBe(0);
  });
});

describe('routes on a tile source that forbids prefetch (OpenStreetMap-like)', () => {
  it('saves the route and its list, downloads no map, and says why', async () => {
    const { context: other, page: p } = await h.phone({ serviceWorkers: 'allow' });
    try {
      const tileRequests: string[] = [];
      await p.goto('/');
      await p.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
      // when the worker first takes control, the page passes the tiles on screen through it (not a prefetch)
      await expect.poll(() => p.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
      await p.getByRole('button', { name: '路线：规划、导入或查看已保存的路线' }).click();
      await p.locator('input[type=file]').setInputFiles({ name: 'g42.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(GPX) });
      await p.locator('ol[aria-labelledby="route-list-title"] li.row').first().waitFor({ timeout: 15_000 });
      p.on('request', (r) => r.resourceType() !== 'image' && /\/\d+\/\d+\/\d+\.png/.test(r.url()) && tileRequests.push(r.url()));
      await p.getByRole('button', { name: '离线保存' }).click();
      const dialog = p.getByRole('dialog');
      await dialog.getByText('不允许提前下载', { exact: false }).waitFor();
      expect(await dialog.locator('.radio-row').count()).toBe(0);
      await dialog.getByRole('button', { name: '开始保存' }).click();
      await dialog.locator('.save-done').waitFor();
      expect(await p.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('yizhan-route-')))).toEqual([]);
      expect(tileRequests).toEqual([]); // nothing fetched ahead of time
      await dialog.getByRole('button', { name: '完成' }).click();
      await p.getByRole('button', { name: '关闭路线' }).click();
      await p.getByText('无地图', { exact: false }).waitFor();
    } finally {
      await other.close();
    }
  });
});
