// Issue 15, the member looking for discounts: a visible entry on the first screen, only merchants
// with an offer today, the offer on the row, the merchants on the map, and Back to the stations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, historyBack, type Harness } from './harness';
import { NANJING } from './fixtures';

interface M {
  id: string;
  name: string;
  offers: { title: string; kind: string; value?: number }[];
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

describe('10. member offers', () => {
  it('has an entry on the first screen, lists only merchants with an offer, says the offer, and shows them on the map', async () => {
    await page.goto('/');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    const entry = page.getByRole('button', { name: /^会员优惠/ });
    const box = (await entry.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await entry.click();
    await page.locator('#offers-title').waitFor();

    const q = `lat=${NANJING.latitude.toFixed(6)}&lng=${NANJING.longitude.toFixed(6)}&limit=30&maxDistance=50000`;
    const all = (await h.api<{ items: M[] }>(`/api/merchants/nearest?${q}`)).items;
    const offering = all.filter((m) => m.offers.length > 0);
    expect(offering.length).toBeGreaterThan(0);
    const rows = page.locator('ol[aria-labelledby="offers-title"] li.row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(offering.map((m) => m.id));
    // the offer is on the row: "会员9折 · …" for a percentage off
    const pct = offering.find((m) => m.offers[0].kind === 'percent_off' && m.offers[0].value !== undefined && m.offers[0].value < 100);
    if (pct) {
      const zhe = Math.round(100 - pct.offers[0].value!) / 10;
      expect(await page.locator(`li.row[data-id="${pct.id}"] .row-offer`).textContent()).toMatch(new RegExp(`^会员${zhe}折 · `));
    }
    // on the map too
    await page.locator('.mk-merchants').first().waitFor();

    await historyBack(page);
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    expect(await page.locator('#offers-title').count()).toBe(0);
  });
});

describe('15. a merchant finds the sign-up from the public app', () => {
  it('settings link to 商户入驻, which opens the business app\'s sign-up', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: '设置与离线数据' }).click();
    const link = page.getByRole('link', { name: '商户入驻 · 注册' });
    expect(await link.getAttribute('href')).toBe('/business/#/signup');
    await link.click();
    await page.waitForURL('**/business/#/signup');
    await page.locator('#auth-email').waitFor();
  });
});
