// Station text is untrusted: an HTML payload in the name, address and notes shows as text
// everywhere (list, detail, map marker, document title) and runs nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, type Harness } from './harness';
import { XSS_NAME, XSS_POSITION } from './fixtures';

let h: Harness;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone({ geolocation: XSS_POSITION }));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});
afterAll(async () => {
  await context?.close();
});

const ran = () => page.evaluate(() => (window as { __xss?: unknown }).__xss);

describe('untrusted text', () => {
  it('shows an HTML name as text in the list', async () => {
    await page.goto('/');
    const row = page.locator('li.row[data-id="e2e-xss"]');
    await row.waitFor();
    expect(await row.locator('.row-name').textContent()).toBe(XSS_NAME);
    expect(await page.locator('li.row img, li.row script, li.row svg[onload]').count()).toBe(0);
  });

  it('shows it as text in the detail sheet, address and notes too', async () => {
    await page.locator('li.row[data-id="e2e-xss"] .row-name').click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(XSS_NAME);
    const body = await page.locator('.detail-body').textContent();
    expect(body).toContain('<svg onload="window.__xss=3">');
    expect(body).toContain('<a href="javascript:window.__xss=4">click</a>');
    expect(await page.locator('.detail-body a[href^="javascript:"]').count()).toBe(0);
  });

  it('puts it on the map only as a title, and nothing ran', async () => {
    const pin = page.locator('.leaflet-marker-pane .mk-pin.is-selected');
    await pin.waitFor();
    // the name as text, then its state in words (data/map-answer.ts; 08:00–20:00 in Shanghai)
    expect([`${XSS_NAME} · 营业中`, `${XSS_NAME} · 已关门`]).toContain(await pin.getAttribute('title'));
    expect(await page.locator('.leaflet-marker-pane img, .leaflet-marker-pane script').count()).toBe(0);
    await page.getByRole('button', { name: '导航' }).click();
    // the name travels as data in each app's parameters: Amap's `to` is lng,lat,name; Tencent's `to` is the name
    const href = async (app: string) => new URL((await page.locator(`.nav-menu a[data-app="${app}"]`).getAttribute('href'))!);
    expect((await href('amap')).searchParams.get('to')!.split(',').slice(2).join(',')).toBe(XSS_NAME);
    expect((await href('tencent')).searchParams.get('to')).toBe(XSS_NAME);
    await page.waitForTimeout(300);
    expect(await ran()).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('a shared link to it runs nothing either', async () => {
    await page.goto('/?station=e2e-xss');
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(XSS_NAME);
    await page.waitForTimeout(300);
    expect(await ran()).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
