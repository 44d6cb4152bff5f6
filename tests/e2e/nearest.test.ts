// First open on a phone in Nanjing: the nearest list matches the API, filters change it, and the
// language switch is remembered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, type Harness } from './harness';
import { NANJING } from './fixtures';

interface Item {
  id: string;
  name: string;
  distance: number;
  openNow: boolean | null;
  status: string;
}
let h: Harness;
let context: BrowserContext;
let page: Page;

const q = `lat=${NANJING.latitude.toFixed(6)}&lng=${NANJING.longitude.toFixed(6)}&limit=20`;
const listIds = (p: Page) => p.locator('ol[aria-labelledby="list-title"] li.row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));

beforeAll(async () => {
  h = await harness();
  // The network path: with no offline copy a request that fails is an error the list must explain
  // (with a copy the same answer comes from the copy: tests/e2e/offline.test.ts).
  ({ context, page } = await h.phone({ offlineCopy: false }));
});
afterAll(async () => {
  await context?.close();
});

describe('nearest list', () => {
  it('shows the nearest stations in the order the API gives, with a glance headline', async () => {
    // every count of rows the list is drawn with, in order
    await page.addInitScript(() => {
      const counts: number[] = ((window as unknown as { rowCounts: number[] }).rowCounts = []);
      new MutationObserver(() => {
        const n = document.querySelectorAll('ol[aria-labelledby="list-title"] li.row').length;
        if (n !== (counts.at(-1) ?? 0)) counts.push(n);
      }).observe(document, { childList: true, subtree: true });
    });
    // the map's first places are held until the list is seen
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/stations?bbox=*', async (route) => (await held, route.continue()));
    await page.goto('/');
    await page.locator('ol.place-list li.row').first().waitFor();
    release();
    const api = await h.api<{ items: Item[] }>(`/api/stations/nearest?${q}`);
    expect(api.items.length).toBeGreaterThan(10);
    // The rows a phone's first screen shows, the rest of the first ten once the map has drawn (or a
    // second later); the rest on "show more".
    await expect.poll(() => listIds(page)).toEqual(api.items.slice(0, 10).map((i) => i.id));
    expect(await page.evaluate(() => (window as unknown as { rowCounts: number[] }).rowCounts)).toEqual([4, 10]);
    await page.unroute('**/api/stations?bbox=*');
    await page.getByRole('button', { name: `再显示 ${api.items.length - 10} 个` }).click();
    expect(await listIds(page)).toEqual(api.items.map((i) => i.id));
    expect(await page.evaluate(() => (document.activeElement?.closest('li.row') as HTMLElement | null)?.dataset.id)).toBe(api.items[10].id);
    await expect.poll(() => page.locator('#list-title').textContent()).toMatch(/^最近的(营业中)?驿站在\d.+外$/);
    const first = page.locator('li.row').first();
    expect(await first.locator('.row-name').textContent()).toBe(api.items[0].name);
    // "最近" marks the headline's answer: the nearest open station (by the hour, not always the first row)
    const marked = api.items.find((i) => i.openNow === true) ?? api.items.find((i) => i.openNow !== false && i.status !== 'temporarily_closed');
    const badged = page.locator('li.row:has(.badge-nearest)');
    expect(await badged.count()).toBe(marked ? 1 : 0);
    if (marked) expect(await badged.getAttribute('data-id')).toBe(marked.id);
    if (marked) expect(await badged.locator('.badge-nearest').textContent()).toBe('最近');
    // Distance in Chinese units, and an hours line on every row.
    expect(await first.locator('.row-dist').textContent()).toMatch(/^\d+(\.\d)?(米|公里)$/);
    expect(await page.locator('ol[aria-labelledby="list-title"] li.row .hours').count()).toBe(api.items.length);
  });

  it('24 h and amenity filters change the list to what the API answers for them', async () => {
    await page.getByRole('button', { name: '24 小时', exact: true }).click();
    const only24 = await h.api<{ items: (Item & { is24h: boolean })[] }>(`/api/stations/nearest?${q}&open=24h`);
    await expect.poll(() => listIds(page)).toEqual(only24.items.slice(0, 10).map((i) => i.id));
    expect(only24.items.every((i) => i.is24h)).toBe(true);
    await expect.poll(() => page.locator('li.row .hours').first().textContent()).toBe('24 小时营业');

    await page.getByRole('button', { name: /^设施/ }).click();
    await page.getByRole('button', { name: '电动车充电', exact: true }).click();
    await page.getByRole('button', { name: '完成' }).click();
    const both = await h.api<{ items: Item[] }>(`/api/stations/nearest?${q}&open=24h&amenities=ebike_charging`);
    await expect.poll(() => listIds(page)).toEqual(both.items.slice(0, 10).map((i) => i.id));
    // The active amenity filter is visible and removable.
    await page.getByRole('button', { name: '移除筛选：电动车充电' }).click();
    await expect.poll(() => listIds(page)).toEqual(only24.items.slice(0, 10).map((i) => i.id));
    await page.getByRole('button', { name: '清除全部' }).click();
    const all = await h.api<{ items: Item[] }>(`/api/stations/nearest?${q}`);
    await expect.poll(() => listIds(page)).toEqual(all.items.slice(0, 10).map((i) => i.id));
  });

  it('an impossible filter says which filters match nothing and offers to clear them', async () => {
    await page.getByRole('button', { name: /^类型/ }).click();
    await page.getByRole('button', { name: '其他', exact: true }).click();
    await page.getByRole('button', { name: /^设施/ }).click();
    for (const name of ['淋浴', '洗衣', '货车停车', '午休床', '法律援助']) await page.getByRole('button', { name, exact: true }).click();
    await page.getByRole('button', { name: '完成' }).click();
    const empty = page.locator('.empty');
    await empty.waitFor();
    // The nearest list has no radius: empty means no station anywhere matches.
    expect(await empty.textContent()).toContain('没有符合条件的驿站');
    expect(await empty.textContent()).toContain('淋浴');
    await empty.getByRole('button', { name: '清除筛选' }).click();
    await page.locator('li.row').first().waitFor();
  });

  it('switches to English (in the settings), formats for it, and remembers the choice', async () => {
    await page.getByRole('button', { name: '设置与离线数据' }).click();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('#list-title').textContent()).toMatch(/^Nearest (open )?station: .+ away$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('li.row .row-dist').first().textContent()).toMatch(/^\d+(\.\d)? (m|km)$/);
    await page.reload();
    await page.locator('li.row').first().waitFor();
    expect(await page.locator('#list-title').textContent()).toMatch(/^Nearest/);
    await page.getByRole('button', { name: 'Settings and offline data' }).click();
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.locator('#list-title').textContent()).toMatch(/^最近/);
  });

  it('merchants with member offers appear when asked for (only those with an offer today)', async () => {
    await page.getByRole('button', { name: '优惠商户' }).click();
    const api = await h.api<{ items: (Item & { offers: unknown[] })[] }>(`/api/merchants/nearest?${q.replace('limit=20', 'limit=30')}&maxDistance=50000`);
    const offering = api.items.filter((m) => m.offers.length > 0);
    expect(offering.length).toBeGreaterThan(0);
    const rows = page.locator('ol[aria-labelledby="merchants-title"] li.row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(offering.map((i) => i.id));
  });

  it('says in plain words when the server cannot be reached, and retry brings the list back', async () => {
    await page.route('**/api/stations/nearest*', (r) => r.abort('internetdisconnected'));
    await page.getByRole('button', { name: '营业中', exact: true }).click();
    const alert = page.locator('.nearest [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('连不上服务器，请检查网络后重试。');
    await page.unroute('**/api/stations/nearest*');
    await alert.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    const open = await h.api<{ items: Item[] }>(`/api/stations/nearest?${q}&open=now`);
    await expect.poll(() => listIds(page)).toEqual(open.items.slice(0, 10).map((i) => i.id));
  });
});

describe('the first list', () => {
  it('is drawn whole at once when "show more" is asked for before the map has drawn', async () => {
    const p = await h.phone({ offlineCopy: false });
    try {
      // the map's first places are held: the list stays folded (for a second at most)
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await p.page.route('**/api/stations?bbox=*', async (route) => (await held, route.continue()));
      await p.page.goto('/');
      const api = await h.api<{ items: Item[] }>(`/api/stations/nearest?${q}`);
      await p.page.getByRole('button', { name: `再显示 ${api.items.length - 10} 个` }).click();
      expect(await listIds(p.page)).toEqual(api.items.map((i) => i.id));
      await expect.poll(() => p.page.evaluate(() => (document.activeElement?.closest('li.row') as HTMLElement | null)?.dataset.id)).toBe(api.items[10].id);
      release();
    } finally {
      await p.context.close();
    }
  });

  it('is asked for before the first render, once: the list takes that answer, with no request of its own', async () => {
    // a returning rider without location permission (the stored position is the first render's, for
    // certain) who keeps a filter: both are in the early request
    const p = await h.phone({ geolocation: null, offlineCopy: false });
    try {
      const stored = { position: { lng: NANJING.longitude, lat: NANJING.latitude, source: 'gps', at: Date.now() }, filters: { openNow: true, amenities: ['microwave'] } };
      await p.context.addInitScript((s) => {
        localStorage.setItem('yizhan.position', JSON.stringify(s.position));
        localStorage.setItem('yizhan.filters', JSON.stringify(s.filters));
      }, stored);
      const asked: string[] = [];
      p.page.on('request', (r) => void (r.url().includes('/api/stations/nearest?') && asked.push(r.url())));
      await p.page.goto('/');
      const open = await h.api<{ items: Item[] }>(`/api/stations/nearest?${q}&open=now&amenities=microwave`);
      // the list shows the early answer: by then every request for it has been made
      await expect.poll(() => listIds(p.page)).toEqual(open.items.slice(0, 10).map((i) => i.id));
      expect(asked).toEqual([`${h.baseUrl}/api/stations/nearest?${q}&open=now&amenities=microwave`]);
    } finally {
      await p.context.close();
    }
  });

  it('asks for the runtime config with the page (preloaded), and the map takes that answer with no request of its own', async () => {
    const p = await h.phone({ offlineCopy: false });
    try {
      await p.page.goto('/');
      await p.page.locator('.leaflet-tile-loaded').first().waitFor(); // the map was made from the config
      // one load of it, started by the page's <link rel=preload> (a fetch of the app's own would be a second entry, or the only one)
      const loads = await p.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/config')).map((e) => (e as PerformanceResourceTiming).initiatorType));
      expect(loads).toEqual(['link']);
    } finally {
      await p.context.close();
    }
  });
});
