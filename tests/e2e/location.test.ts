// Without a position: the app explains, the permission is denied, a city is picked, and the
// choice is remembered for the next visit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, type Harness } from './harness';

interface Item {
  id: string;
}
let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone({ geolocation: null }));
});
afterAll(async () => {
  await context?.close();
});

describe('where am I', () => {
  it('does not prompt on load; explains and offers the location button and cities', async () => {
    await page.goto('/');
    await page.locator('#locate-title').waitFor();
    expect(await page.locator('.locate').textContent()).toContain('允许使用位置后');
    expect(await page.locator('ol.place-list').count()).toBe(0);
  });

  it('permission denied → says so in plain words → a city gives the nearest list', async () => {
    await page.getByRole('button', { name: '使用我的位置' }).click();
    await expect.poll(() => page.locator('.locate [role="alert"]').textContent()).toBe('没有定位权限。请选择城市，或在地图上点选你的位置。');
    // and how to allow it again
    expect(await page.locator('.locate').textContent()).toContain('要重新允许定位');
    await page.getByRole('button', { name: '南京', exact: true }).click();
    await page.locator('li.row').first().waitFor();
    const api = await h.api<{ items: Item[] }>('/api/stations/nearest?lat=32.060300&lng=118.796900&limit=20');
    const ids = await page.locator('li.row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    expect(ids).toEqual(api.items.slice(0, 10).map((i) => i.id));
    expect(await page.locator('.position-line').textContent()).toContain('南京市中心');
  });

  it('remembers the picked position for the next visit', async () => {
    await page.reload();
    await page.locator('li.row').first().waitFor();
    expect(await page.locator('.position-line').textContent()).toContain('南京市中心');
  });

  it('a point tapped on the map becomes the position', async () => {
    await page.getByRole('button', { name: '更改位置' }).click();
    await page.getByRole('button', { name: '在地图上点选' }).click();
    await page.locator('.pick-banner').waitFor();
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    await page.mouse.click(195, 200);
    await page.locator('li.row').first().waitFor();
    expect(await page.locator('.position-line').textContent()).toContain('地图上选的点');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('yizhan.position')!));
    expect(stored.source).toBe('map');
    expect(Math.abs(stored.lat - 32.06)).toBeLessThan(0.1);
  });
});
