// Search by name or address, Chinese substrings, stations and merchants, nearest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, type Harness } from './harness';
import { NANJING } from './fixtures';

interface Place {
  id: string;
  name: string;
  address?: string;
  distance: number;
}
let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone());
});
afterAll(async () => {
  await context?.close();
});

describe('search', () => {
  it('finds stations and merchants whose name or address contains a Chinese substring', async () => {
    const q = `lat=${NANJING.latitude}&lng=${NANJING.longitude}&limit=100&maxDistance=50000`;
    const [s, m] = await Promise.all([
      h.api<{ items: Place[] }>(`/api/stations/nearest?${q}&fields=full`),
      h.api<{ items: Place[] }>(`/api/merchants/nearest?${q}`),
    ]);
    const all = [...s.items, ...m.items];
    // A word that several nearby places share: the road of the nearest station's address.
    const road = /([\u4e00-\u9fa5]{2,4}(?:路|大道|街))/.exec(s.items[0].address ?? '')![1];
    const expected = all.filter((p) => p.name.includes(road) || (p.address ?? '').includes(road)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);

    await page.goto('/');
    await page.locator('li.row').first().waitFor();
    await page.getByRole('searchbox', { name: '搜索驿站名称或地址' }).fill(road);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#search-title').textContent()).toBe(`“${road}”的搜索结果`);
    const rows = page.locator('ol[aria-labelledby="search-title"] li.row');
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    if (expected.length <= 30) expect(new Set(ids)).toEqual(new Set(expected));
    else expect(ids.length).toBe(30);
    // Every hit really contains the word.
    for (const id of ids) {
      const p = all.find((x) => x.id === id)!;
      expect(p.name.includes(road) || (p.address ?? '').includes(road)).toBe(true);
    }
  });

  it('while it searches it says for what, not 附近 (the search is nation-wide)', async () => {
    await page.getByRole('button', { name: '清除搜索' }).click();
    await page.locator('#list-title').waitFor();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/search?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('searchbox').fill('鼓楼');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.nearest .skeleton-list').getAttribute('aria-label')).toBe('正在搜索“鼓楼”');
    release();
    await page.locator('ol[aria-labelledby="search-title"] li.row').first().waitFor();
    await page.unroute('**/api/search?**');
  });

  it('finds member offers by what people type for them (优惠, 8折), pinyin and two words, as the API ranks them', async () => {
    const search = (q: string) =>
      h.api<{ items: (Place & { kind: string; offers?: unknown[] })[] }>(
        `/api/search?q=${encodeURIComponent(q)}&lat=${NANJING.latitude.toFixed(6)}&lng=${NANJING.longitude.toFixed(6)}&limit=30`,
      ).then((r) => r.items);
    for (const q of ['优惠', '9折', 'gulou', '鼓楼 驿站']) {
      const api = await search(q);
      expect(api.length, q).toBeGreaterThan(0);
      if (q === '优惠') expect(api.every((i) => i.kind === 'merchant' && (i.offers?.length ?? 0) > 0)).toBe(true);
      // the rows are what the API answered the page (other e2e files write to the same server
      // meanwhile, so an answer asked for later may rightly differ)
      const answered = page.waitForResponse((r) => r.url().includes('/api/search?') && new URL(r.url()).searchParams.get('q') === q);
      await page.getByRole('searchbox').fill(q);
      await page.keyboard.press('Enter');
      const items = ((await (await answered).json()) as { items: { id: string }[] }).items;
      expect(items.length, q).toBeGreaterThan(0);
      await expect.poll(() => page.locator('#search-title').textContent()).toBe(`“${q}”的搜索结果`);
      const rows = page.locator('ol[aria-labelledby="search-title"] li.row');
      await expect
        .poll(() => rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id).join()), { timeout: 15_000 })
        .toBe(items.map((i) => i.id).join());
      if (q === '优惠') expect(await rows.first().textContent()).toMatch(/会员.*折|会员价|优惠券|免费/);
      await page.getByRole('button', { name: '清除搜索' }).click();
      await page.locator('#list-title').waitFor();
    }
  });

  it('says plainly when nothing matches, and clearing returns to the nearest list', async () => {
    await page.getByRole('searchbox').fill('不存在的地名');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.nearest .empty').textContent()).toBe('没有找到“不存在的地名”：全国没有名称或地址包含它的驿站或商户。');
    await page.getByRole('button', { name: '清除搜索' }).click();
    await page.locator('#list-title').waitFor();
  });
});
