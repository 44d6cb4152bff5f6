// Installability (Lighthouse 12 has no PWA category): manifest fields, icons reachable with the
// declared sizes, and a service worker that controls the page after a reload (production build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, type Harness } from './harness';

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  lang: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}
let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone({ serviceWorkers: 'allow' }));
});
afterAll(async () => {
  await context?.close();
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

describe('installable', () => {
  it('links a manifest with the fields browsers require', async () => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(await page.locator('link[rel="manifest"]').count()).toBe(1);
    const res = await fetch(new URL(href!, h.baseUrl));
    expect(res.status).toBe(200);
    const m = (await res.json()) as Manifest;
    expect(m).toMatchObject({ short_name: '驿站', start_url: '/', scope: '/', display: 'standalone', lang: 'zh-CN' });
    expect(m.name).toContain('驿站');
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    for (const purpose of ['any', 'maskable']) {
      for (const size of ['192x192', '512x512']) {
        expect(m.icons.some((i) => i.sizes === size && (i.purpose ?? 'any') === purpose)).toBe(true);
      }
    }
  });

  it('serves every icon as a PNG of its declared size', async () => {
    const m = (await (await fetch(`${h.baseUrl}/manifest.webmanifest`)).json()) as Manifest;
    for (const icon of m.icons) {
      const res = await fetch(new URL(icon.src, h.baseUrl));
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get('content-type')).toContain('image/png');
      const [w, hgt] = pngSize(Buffer.from(await res.arrayBuffer()));
      expect(`${w}x${hgt}`).toBe(icon.sizes);
    }
    expect((await fetch(`${h.baseUrl}/icons/apple-touch-icon.png`)).status).toBe(200);
  });

  it('registers a service worker that controls the page after a reload', async () => {
    await page.locator('li.row').first().waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.locator('li.row').first().waitFor();
    const sw = await page.evaluate(() => ({
      controller: navigator.serviceWorker.controller?.scriptURL ?? null,
      state: navigator.serviceWorker.controller?.state ?? null,
    }));
    expect(sw.controller).toBe(`${h.baseUrl}/sw.js`);
    expect(sw.state).toBe('activated');
    // The worker answers navigations with the app shell, so a shared link works from the cache too.
    const cached = await page.evaluate(async () => (await caches.keys()).some((k) => k.includes('precache')));
    expect(cached).toBe(true);
  });

  it('offers the in-app install button when the browser fires beforeinstallprompt', async () => {
    await page.evaluate(() => {
      const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt(): Promise<void>; userChoice: Promise<unknown> };
      e.prompt = async () => {
        (window as { __prompted?: boolean }).__prompted = true;
      };
      e.userChoice = Promise.resolve({ outcome: 'accepted' });
      dispatchEvent(e);
    });
    await page.getByRole('button', { name: '把驿站安装到手机桌面' }).click();
    await expect.poll(() => page.evaluate(() => (window as { __prompted?: boolean }).__prompted)).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '把驿站安装到手机桌面' }).count()).toBe(0);
  });
});
