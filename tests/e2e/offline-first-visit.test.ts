// The first visit on a phone with metered data (emulated: save-data, 3g, cellular): the offline copy
// downloads only the region around the person — a few records and bytes, not the country —, says
// so in the settings, and works offline there, answering as the API does. "Download all of China"
// in the settings shows the real size from the server and its progress; then a far city works offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { cutNetwork, harness, type Harness } from './harness';
import { NANJING } from './fixtures';

const LANZHOU = { latitude: 36.0611, longitude: 103.8343 };
let h: Harness;
let context: BrowserContext;
let page: Page;
const syncs: { url: string; bytes: number }[] = [];

const rows = () => page.locator('ol[aria-labelledby="list-title"] li.row');
const listIds = () => rows().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
const near = (at: { latitude: number; longitude: number }) =>
  h.api<{ items: { id: string }[] }>(`/api/stations/nearest?lat=${at.latitude.toFixed(6)}&lng=${at.longitude.toFixed(6)}&limit=10`).then((r) => r.items.map((i) => i.id));

/** The offline copy's metadata in the page's IndexedDB (undefined before the first sync). */
const copyMeta = () =>
  page.evaluate(
    () =>
      new Promise<{ counts: { stations: number; merchants: number }; region?: { radius: number; province?: string } } | undefined>(async (resolve, reject) => {
        // opening a database that does not exist yet would create it empty, under the app's feet
        if (!(await indexedDB.databases()).some((d) => d.name === 'yizhan')) return resolve(undefined);
        const r = indexedDB.open('yizhan');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          if (!r.result.objectStoreNames.contains('meta')) return resolve(undefined), r.result.close();
          const get = r.result.transaction('meta').objectStore('meta').get('copy');
          get.onsuccess = () => (resolve(get.result), r.result.close());
        };
      }),
  );

/** The byte sizes of /api/sync answers as they came over the network (the worker's fetches too). */
async function record(req: Request) {
  if (!req.url().includes('/api/sync')) return;
  const res = await req.response();
  if (!res || res.fromServiceWorker()) return;
  syncs.push({ url: req.url(), bytes: (await req.sizes()).responseBodySize });
}

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone({ serviceWorkers: 'allow' }));
  // a phone on mobile data with data saver on (Chromium reports neither on the desktop)
  await context.addInitScript(() => {
    const connection = Object.assign(new EventTarget(), { saveData: true, effectiveType: '3g', type: 'cellular', downlink: 1.5, rtt: 300 });
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => connection, configurable: true });
  });
  context.on('requestfinished', (req) => void record(req));
});
afterAll(async () => {
  await context?.close();
});

describe('the first visit on metered data', () => {
  it('downloads only the region around the person', async () => {
    await page.goto('/');
    await rows().first().waitFor();
    await expect.poll(copyMeta, { timeout: 30_000 }).toMatchObject({ region: { radius: 300_000, province: '江苏省' } });
    // …once the visit's start is over: the page's first seconds are the list's and the map's
    const began = await page.evaluate(() => performance.getEntriesByName('yizhan:sync')[0]?.startTime);
    expect(began).toBeGreaterThanOrEqual(8000);
    const health = await h.api<{ stations: number; merchants: number }>('/api/health');
    const meta = (await copyMeta())!;
    expect(meta.counts.stations).toBeGreaterThan(0);
    expect(meta.counts.stations).toBeLessThan(health.stations / 4);
    // the one snapshot asked for was the regional one, and it was a fraction of the whole
    await expect.poll(() => syncs.filter((s) => /since=0&near=/.test(s.url)).length, { timeout: 10_000 }).toBe(1);
    const full = await h.api<{ bytes: number }>('/api/sync/size');
    const regional = syncs.find((s) => /since=0&near=/.test(s.url))!;
    expect(regional.bytes).toBeGreaterThan(0);
    expect(regional.bytes).toBeLessThan(400 * 1024);
    expect(regional.bytes).toBeLessThan(full.bytes / 2);
    expect(syncs.filter((s) => /since=0(&|$)/.test(s.url) && !s.url.includes('near='))).toEqual([]);
    console.log(`first visit (metered): ${meta.counts.stations} of ${health.stations} stations, ${regional.bytes} bytes (whole country ${full.bytes} bytes)`);
   }, 90_000);

  it('the settings say what is available offline, and offer the whole country with its real size', async () => {
    await page.getByRole('button', { name: '设置与离线数据' }).click();
    const dialog = page.getByRole('dialog', { name: '设置与离线数据' });
    await expect.poll(() => dialog.locator('.copy-scope').textContent()).toBe('离线可用：江苏省及周边 300 公里');
    // the size in the encoding the browser gets (brotli where it asks for it)
    const full = await page.evaluate(async () => (await (await fetch('/api/sync/size')).json()) as { bytes: number; encoding: string });
    const size = await page.evaluate((b) => {
      const units = ['B', 'KB', 'MB'];
      let v = b;
      let u = 0;
      while (v >= 1024 && u < 2) (v /= 1024), u++;
      return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: v < 10 && u > 0 ? 1 : 0 }).format(v)} ${units[u]}`;
    }, full.bytes);
    await expect.poll(() => dialog.locator('button.copy-all').textContent()).toBe(`下载全国离线数据 — ${size}`);
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('works offline in the region, as the API answers', async () => {
    const online = await near(NANJING);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 }).toBe(true);
    await cutNetwork(context, page);
    await page.reload();
    await expect.poll(() => page.locator('.net-status').textContent(), { timeout: 10_000 }).toContain('离线');
    await expect.poll(listIds, { timeout: 10_000 }).toEqual(online);
    await context.setOffline(false);
  });

  it('"download all of China" shows its progress, then the country is offline: a far city answers as the API does', async () => {
    await page.reload();
    await rows().first().waitFor();
    await page.getByRole('button', { name: '设置与离线数据' }).click();
    const dialog = page.getByRole('dialog', { name: '设置与离线数据' });
    // every progress text the panel shows, however briefly
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      new MutationObserver(() => {
        const t = document.querySelector('#copy-all-progress')?.textContent;
        if (t && seen.at(-1) !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await dialog.locator('button.copy-all').click();
    await expect.poll(() => dialog.locator('.copy-scope').textContent(), { timeout: 60_000 }).toBe('离线可用：全国');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((t) => /^正在下载全国离线数据… [\d.]+ (B|KB|MB) \/ [\d.]+ (B|KB|MB)$/.test(t))).toBe(true);
    const health = await h.api<{ stations: number }>('/api/health');
    expect((await copyMeta())!.region).toBeUndefined();
    expect((await copyMeta())!.counts.stations).toBe(health.stations);
    await dialog.getByRole('button', { name: '关闭' }).click();

    const online = await near(LANZHOU);
    await cutNetwork(context, page);
    await page.reload();
    await rows().first().waitFor();
    await page.getByRole('button', { name: '更改位置' }).click();
    await page.getByRole('button', { name: '兰州', exact: true }).click();
    await expect.poll(() => page.locator('.position-line').textContent()).toContain('兰州市中心');
    await expect.poll(listIds, { timeout: 10_000 }).toEqual(online);
  });
});
