// After one online visit the app works with the network cut (cutNetwork: the service worker's
// too): it opens, answers nearest here and in a city far away exactly as the API
// does online, filters, shows details and a map without tiles, and a problem report made offline
// is delivered exactly once when the network returns — even after a reload while offline, when no
// `online` event comes (the page then sends when its back-off ends).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { cutNetwork, harness, type Harness } from './harness';
import { NANJING } from './fixtures';

interface Item {
  id: string;
  name: string;
  openNow: boolean | null;
  nextChange?: string;
  amenities: string[];
}
const LANZHOU = { latitude: 36.0611, longitude: 103.8343 }; // the city picked (web/lib/cities.ts)
let h: Harness;
let context: BrowserContext;
let page: Page;

const rows = () => page.locator('ol[aria-labelledby="list-title"] li.row');
const listIds = () => rows().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
const openRows = () => rows().evaluateAll((els) => els.map((e) => e.querySelector('.hours')!.classList.contains('tone-open')));
const near = (at: { latitude: number; longitude: number }, extra = '') =>
  h.api<{ items: Item[] }>(`/api/stations/nearest?lat=${at.latitude.toFixed(6)}&lng=${at.longitude.toFixed(6)}&limit=20${extra}`).then((r) => r.items);

/** The list shows exactly what the API answers online: ids in order and open-now, all rows. */
async function expectListLike(items: Item[]) {
  await expect.poll(listIds, { timeout: 10_000 }).toEqual(items.slice(0, 10).map((i) => i.id));
  if (items.length > 10) await page.locator('.nearest button.more').click();
  await expect.poll(listIds).toEqual(items.map((i) => i.id));
  // open-now at the same minute (a station opening or closing right now may differ by a minute)
  const settled = (i: Item) => !i.nextChange || Math.abs(Date.parse(i.nextChange) - Date.now()) > 120_000;
  const open = await openRows();
  expect(open.filter((_, k) => settled(items[k]))).toEqual(items.filter(settled).map((i) => i.openNow === true));
}

/** Reports in the page's IndexedDB outbox. */
const outbox = () =>
  page.evaluate(
    () =>
      new Promise<{ clientId: string; state: string; reportId?: string; body: Record<string, string> }[]>((resolve, reject) => {
        const r = indexedDB.open('yizhan');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const all = r.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => (resolve(all.result), r.result.close());
        };
      }),
  );

/** The page's offline copy covers the whole country (not just the region around the person). */
const wholeCopy = () =>
  page.evaluate(
    () =>
      new Promise<boolean>((resolve, reject) => {
        const r = indexedDB.open('yizhan');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const get = r.result.transaction('meta').objectStore('meta').get('copy');
          get.onsuccess = () => (resolve(get.result !== undefined && get.result.region === undefined), r.result.close());
        };
      }),
  );

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone({ serviceWorkers: 'allow' }));
});
afterAll(async () => {
  await context?.close();
});

describe('offline after one visit', () => {
  it('visits online: the worker installs, the copy syncs, viewed tiles are cached', async () => {
    await page.goto('/');
    await rows().first().waitFor();
    // "Data as of 10:42 (just now)" appears once the offline copy is stored: 刚刚, never Intl's 此刻
    await expect.poll(() => page.locator('.as-of').textContent(), { timeout: 40_000 }).toMatch(/^数据更新于 \d\d:\d\d（刚刚）$/);
    // on an unmetered connection the region comes first, the whole country when the page is quiet
    await expect.poll(wholeCopy, { timeout: 30_000 }).toBe(true);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 }).toBe(true);
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('yizhan-tiles')).keys()).length), { timeout: 10_000 }).toBeGreaterThan(0);
  }, 90_000);

  it('reloads with the network cut: the app opens from the worker, says offline, lists the nearest as the API does', async () => {
    const online = await near(NANJING);
    await cutNetwork(context, page);
    const res = await page.reload();
    expect(res?.fromServiceWorker()).toBe(true);
    await rows().first().waitFor();
    await expect.poll(() => page.locator('.net-status').textContent(), { timeout: 10_000 }).toContain('离线');
    await expectListLike(online);
    // once the copy is read from IndexedDB (the worker's cached answer may list the rows before it)
    await expect.poll(() => page.locator('.as-of').textContent(), { timeout: 10_000 }).toMatch(/^离线 · 数据更新于/);
  });

  it('answers anywhere in the copy: moved to Lanzhou, 1,400 km from anything viewed', async () => {
    await page.getByRole('button', { name: '更改位置' }).click();
    await page.getByRole('button', { name: '兰州', exact: true }).click();
    await expect.poll(() => page.locator('.position-line').textContent()).toContain('兰州市中心');
    const online = await near(LANZHOU);
    expect(online.length).toBeGreaterThan(2);
    await expectListLike(online);
  });

  it('filters work offline and match the API', async () => {
    await page.getByRole('button', { name: '24 小时', exact: true }).click();
    await expectListLike(await near(LANZHOU, '&open=24h'));
    await page.getByRole('button', { name: '24 小时', exact: true }).click();
    await page.getByRole('button', { name: '营业中', exact: true }).click();
    await expectListLike(await near(LANZHOU, '&open=now'));
    await page.getByRole('button', { name: /^设施/ }).click();
    await page.getByRole('button', { name: '饮用水', exact: true }).click();
    await page.getByRole('button', { name: '完成' }).click();
    await expectListLike(await near(LANZHOU, '&open=now&amenities=drinking_water'));
    await page.getByRole('button', { name: '清除全部' }).click();
    await expectListLike(await near(LANZHOU));
  });

  it('the map shows the stations and city names on a neutral ground where no tiles were cached', async () => {
    await page.locator('.map.is-offline').waitFor();
    await expect.poll(() => page.locator('.city-label').allTextContents()).toContain('兰州');
    await expect.poll(() => page.locator('.leaflet-marker-pane .mk-pin, .leaflet-marker-pane .mk-cluster').count()).toBeGreaterThan(0);
  });

  it('details open offline, with the week and amenities', async () => {
    const s = (await near(LANZHOU))[0];
    await page.locator(`li.row[data-id="${s.id}"] .row-name`).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(s.name);
    await expect.poll(() => page.locator('table.week tr').count()).toBe(7);
  });
});

describe('a report made offline', () => {
  let clientId = '';
  let name = '';

  it('is saved in the outbox and says it will be sent when online', async () => {
    name = (await page.locator('#detail-title').textContent())!;
    await page.getByRole('button', { name: '报告问题' }).click();
    const dialog = page.getByRole('dialog', { name: '报告问题' });
    await dialog.getByText(`关于：${name}`).waitFor();
    await dialog.getByRole('radio', { name: '暂停服务' }).check();
    await dialog.getByRole('textbox', { name: '补充说明（可选）' }).fill('门锁着，没有人');
    await dialog.getByRole('button', { name: '发送报告' }).click();
    await expect.poll(() => page.locator('.toast').textContent(), { timeout: 10_000 }).toBe('已保存，联网后会自动发送。');
    await expect.poll(() => page.locator('.net-status').textContent(), { timeout: 10_000 }).toContain('1 条报告待发送');
    await expect.poll(() => page.locator('.report-mine').textContent(), { timeout: 10_000 }).toBe('你的报告（暂停服务）等待发送');
    const items = await outbox();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ state: 'pending', body: { kind: 'temporarily_closed', note: '门锁着，没有人', targetType: 'station' } });
    clientId = items[0].clientId;
  });

  it('survives a reload while still offline', async () => {
    await page.reload();
    await expect.poll(() => page.locator('.report-mine').textContent(), { timeout: 10_000 }).toBe('你的报告（暂停服务）等待发送');
    expect((await outbox()).map((i) => [i.clientId, i.state])).toEqual([[clientId, 'pending']]);
  });

  // The page reloaded while offline, and Chromium's emulation can then keep navigator.onLine true: no
  // `online` event comes when the network returns. The page sends when its back-off ends — 5, 10 or
  // 20 s after its last failed try (1–3 tries offline, on start and on the back-off timer) — so this
  // test gets the wait for one back-off step on top of the usual 30 s.
  it('is delivered exactly once when the network returns, and the rider is told', { timeout: 50_000 }, async () => {
    await context.setOffline(false);
    await expect.poll(() => page.locator('.toast').textContent(), { timeout: 25_000 }).toBe(`关于“${name}”的报告已发送`);
    await expect.poll(() => page.locator('.report-mine').textContent(), { timeout: 10_000 }).toBe('你的报告（暂停服务）已发送');
    await expect.poll(() => page.locator('.net-status-region').textContent(), { timeout: 10_000 }).toBe('');
    const [item] = await outbox();
    expect(item).toMatchObject({ clientId, state: 'sent', reportId: expect.stringMatching(/^r_/) });
    await page.waitForTimeout(1000); // let any second sender (page and worker) finish
    const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
    try {
      const stored = db.prepare('SELECT id, kind, note FROM reports WHERE client_id = ?').all(clientId);
      expect(stored).toEqual([{ id: item.reportId, kind: 'temporarily_closed', note: '门锁着，没有人' }]);
    } finally {
      db.close();
    }
    // and the server knows it by its clientId: the same report, not a second one
    const again = await fetch(`${h.baseUrl}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item.body) });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { report: { id: string } }).report.id).toBe(item.reportId);
  });
});

describe('the service worker', () => {
  it('leaves /business/ and /api/ to the server', async () => {
    const res = await page.goto('/business/');
    expect(res?.fromServiceWorker()).toBe(false);
    const api = await page.goto('/api/health'); // network-first through the worker, never the app shell
    expect(await api?.json()).toMatchObject({ status: 'ok' });
  });

  it('can be switched off with ?sw=off (and on again)', async () => {
    await page.goto('/?sw=off');
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), { timeout: 10_000 }).toBe(0);
    await page.goto('/?sw=on');
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), { timeout: 10_000 }).toBe(1);
  });
});
