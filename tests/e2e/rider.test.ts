// Issue 15, the rider: the search field has room (also at 200 % zoom), the phone's Back and Escape
// close only the top layer, and a rider far from any station is told where the nearest one is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { cutNetwork, harness, historyBack, type Harness } from './harness';
import { NANJING } from './fixtures';

interface Item {
  id: string;
  name: string;
  distance: number;
}
let h: Harness;
const contexts: BrowserContext[] = [];

const phone = async (o: Parameters<Harness['phone']>[0] = {}) => {
  const p = await h.phone(o);
  contexts.push(p.context);
  return p.page;
};
const listIds = (p: Page) => p.locator('ol[aria-labelledby="list-title"] li.row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
/** The element's box lies inside the viewport and its content is not cut. */
const fits = (p: Page, selector: string) =>
  p.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.left >= 0 && r.right <= innerWidth + 0.5 && r.width > 0 && el.scrollWidth <= el.clientWidth + 1;
  });

beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

describe('1. the search field has room', () => {
  it('on a 390 px phone the typed words and the placeholder show whole', async () => {
    const page = await phone();
    await page.goto('/');
    const input = page.getByRole('searchbox', { name: '搜索驿站名称或地址' });
    await input.waitFor();
    // the placeholder is not cut: it fits the field's text box
    expect(await input.evaluate((el: HTMLInputElement) => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = getComputedStyle(el).font;
      const pad = parseFloat(getComputedStyle(el).paddingLeft) + parseFloat(getComputedStyle(el).paddingRight);
      return c.measureText(el.placeholder).width <= el.clientWidth - pad;
    })).toBe(true);
    // typed words show whole, with the clear button beside them
    await input.fill('汉中路工会驿站');
    await page.getByRole('button', { name: '清除搜索' }).waitFor();
    expect(await input.evaluate((el: HTMLInputElement) => el.clientWidth)).toBeGreaterThanOrEqual(140);
    expect(await input.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // the route button says what it is in words
    expect(await page.locator('.top-bar .bar-btn').first().textContent()).toContain('路线');
  });

  it('at 200 % zoom (195 CSS px) the field, Routes and Settings all fit, and so does Share in a detail', async () => {
    const page = await phone({ width: 195, height: 422 });
    await page.goto('/');
    const input = page.getByRole('searchbox', { name: '搜索驿站名称或地址' });
    await input.waitFor();
    expect(await input.evaluate((el: HTMLInputElement) => el.clientWidth)).toBeGreaterThanOrEqual(120);
    for (const name of ['设置与离线数据', '路线：规划、导入或查看已保存的路线']) {
      const box = (await page.getByRole('button', { name }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(195);
    }
    await page.getByRole('button', { name: '设置与离线数据' }).click();
    await page.locator('#settings-title').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#settings-title').count()).toBe(0);
    await page.locator('li.row .row-name').first().click();
    await page.locator('#detail-title').waitFor();
    const share = page.getByRole('button', { name: '分享' });
    await share.waitFor();
    expect(await fits(page, '.action-row .btn:last-child')).toBe(true);
    expect(await fits(page, '.action-row .btn-nav')).toBe(true);
  });
});

describe('1b. the route button says what it is, in words', () => {
  /** The route button's visible words, and whether they show whole inside the viewport. */
  const label = (p: Page) =>
    p.locator('.top-bar .bar-route').evaluate((b) => {
      const span = b.querySelector('span')!;
      const r = span.getBoundingClientRect();
      const whole = r.width > 0 && r.left >= 0 && r.right <= innerWidth + 0.5 && span.scrollWidth <= span.clientWidth + 1;
      return { text: span.textContent, whole, visible: getComputedStyle(span).visibility === 'visible' && getComputedStyle(span).display !== 'none' };
    });

  for (const [locale, text, search] of [['zh-CN', '路线', '搜索驿站名称或地址'], ['en', 'Routes', 'Search stations by name or address']] as const) {
    it(`${locale}: on a 390 px phone and at 200 % zoom, beside a roomy search field`, async () => {
      for (const width of [390, 195]) {
        const page = await phone({ locale, width, height: width === 390 ? 844 : 422 });
        await page.goto('/');
        const input = page.getByRole('searchbox', { name: search });
        await input.waitFor();
        expect(await label(page)).toEqual({ text, whole: true, visible: true });
        expect(await input.evaluate((el: HTMLInputElement) => el.clientWidth)).toBeGreaterThanOrEqual(width === 390 ? 140 : 120);
      }
    });
  }
});

describe('2. Back and Escape close only the top layer', () => {
  let page: Page;
  const inApp = () => page.evaluate(() => location.origin !== 'null' && document.querySelector('.top-bar') !== null);
  const back = async () => {
    await historyBack(page);
    expect(await inApp()).toBe(true);
  };

  beforeAll(async () => {
    page = await phone();
    await page.goto('/');
    await page.locator('li.row').first().waitFor();
  });

  it('search results, the filter panel, settings', async () => {
    await page.getByRole('searchbox').fill('工会');
    await page.locator('#search-title').waitFor();
    await back();
    await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();

    await page.getByRole('button', { name: /^设施/ }).click();
    await page.locator('#panel-amenities').waitFor();
    await back();
    await expect.poll(() => page.locator('#panel-amenities').count()).toBe(0);
    await page.getByRole('button', { name: /^设施/ }).click();
    await page.locator('#panel-amenities').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#panel-amenities').count()).toBe(0);

    await page.getByRole('button', { name: '设置与离线数据' }).click();
    await page.locator('#settings-title').waitFor();
    await back();
    await expect.poll(() => page.locator('#settings-title').count()).toBe(0);
    expect(await page.locator('ol[aria-labelledby="list-title"] li.row').count()).toBeGreaterThan(0);
  });

  it('"change location" and map picking: Back steps out one at a time; Cancel keeps the position', async () => {
    await page.getByRole('button', { name: '更改位置' }).click();
    await page.locator('#locate-title').waitFor();
    // permission is granted: no "allow location" talk
    expect(await page.locator('.locate').textContent()).not.toContain('允许使用位置后');
    expect(await page.locator('.locate').textContent()).toContain('换一个位置');
    await page.getByRole('button', { name: '在地图上点选' }).click();
    await page.locator('.pick-banner').waitFor();
    // the banner leaves the zoom buttons free
    const [banner, zoomIn] = await Promise.all([page.locator('.pick-banner').boundingBox(), page.locator('.leaflet-control-zoom-in').boundingBox()]);
    expect(banner!.x + banner!.width <= zoomIn!.x || banner!.y + banner!.height <= zoomIn!.y || banner!.y >= zoomIn!.y + zoomIn!.height).toBe(true);
    await back();
    await expect.poll(() => page.locator('.pick-banner').count()).toBe(0);
    expect(await page.locator('#locate-title').count()).toBe(1);
    await back();
    await expect.poll(() => page.locator('#locate-title').count()).toBe(0);
    await page.locator('.position-line').waitFor();

    await page.getByRole('button', { name: '更改位置' }).click();
    await page.locator('.locate').getByRole('button', { name: '取消' }).click();
    await page.locator('.position-line').waitFor();
    // the cancelled layer took its history entry back: one more Back would leave, so none is left over
    expect(await page.evaluate(() => (history.state as { yizhanTop?: string } | null)?.yizhanTop)).toBeUndefined();
  });

  it('the report dialog over a detail, and the navigation menu', async () => {
    await page.locator('ol[aria-labelledby="list-title"] li.row .row-name').first().click();
    await page.locator('#detail-title').waitFor();
    await page.getByRole('button', { name: '报告问题' }).click();
    const dialog = page.getByRole('dialog', { name: '报告问题' });
    await dialog.waitFor();
    await back();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.locator('#detail-title').count()).toBe(1);

    const detailEntry = await page.evaluate(() => JSON.stringify(history.state));
    await page.getByRole('button', { name: '导航' }).click();
    await page.locator('.nav-menu').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.nav-menu').count()).toBe(0);
    expect(await page.locator('#detail-title').count()).toBe(1);
    // the menu closed by Escape takes its history entry back: the detail's entry is current again
    await expect.poll(() => page.evaluate(() => JSON.stringify(history.state))).toBe(detailEntry);
    await page.getByRole('button', { name: '导航' }).click();
    await page.locator('.nav-menu').waitFor();
    await back();
    await expect.poll(() => page.locator('.nav-menu').count()).toBe(0);
    expect(await page.locator('#detail-title').count()).toBe(1);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#detail-title').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
  });

  it('a detail opened from search results goes back to the results, then to the list', async () => {
    await page.getByRole('searchbox').fill('工会');
    const hit = page.locator('ol[aria-labelledby="search-title"] li.row .row-name').first();
    await hit.waitFor();
    await hit.click();
    await page.locator('#detail-title').waitFor();
    await back();
    await expect.poll(() => page.locator('#detail-title').count()).toBe(0);
    expect(await page.getByRole('searchbox').inputValue()).toBe('工会');
    await back();
    await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
  });
});

describe('3. far from stations the rider is told where the nearest one is', () => {
  // The Taklamakan desert: the demo data has no station for well over 20 km.
  const FAR = { latitude: 39.0, longitude: 83.5 };

  it('the first screen names the nearest stations whatever their distance', async () => {
    const api = await h.api<{ items: Item[] }>(`/api/stations/nearest?lat=${FAR.latitude.toFixed(6)}&lng=${FAR.longitude.toFixed(6)}&limit=20`);
    expect(api.items[0].distance).toBeGreaterThan(100_000);
    const page = await phone({ geolocation: FAR });
    await page.goto('/');
    await page.locator('li.row').first().waitFor();
    await expect.poll(() => listIds(page)).toEqual(api.items.slice(0, 10).map((i) => i.id));
    await expect.poll(() => page.locator('#list-title').textContent()).toMatch(/^最近的(营业中)?驿站在\d+公里外$/);
    expect(await page.locator('.empty').count()).toBe(0);
    // a filter keeps the answer: the nearest matching stations, still whatever their distance
    await page.getByRole('button', { name: '24 小时', exact: true }).click();
    const only24 = await h.api<{ items: Item[] }>(`/api/stations/nearest?lat=${FAR.latitude.toFixed(6)}&lng=${FAR.longitude.toFixed(6)}&limit=20&open=24h`);
    await expect.poll(() => listIds(page)).toEqual(only24.items.slice(0, 10).map((i) => i.id));
  });

  it('near a city the list goes past the first stations (no 20 km edge)', async () => {
    const api = await h.api<{ items: Item[] }>(`/api/stations/nearest?lat=${NANJING.latitude.toFixed(6)}&lng=${NANJING.longitude.toFixed(6)}&limit=20&types=other`);
    const page = await phone();
    await page.goto('/');
    await page.getByRole('button', { name: /^类型/ }).click();
    await page.getByRole('button', { name: '其他', exact: true }).click();
    await page.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => listIds(page)).toEqual(api.items.slice(0, 10).map((i) => i.id));
    expect(api.items.at(-1)!.distance).toBeGreaterThan(20_000);
  });
});

describe('4. the map agrees with the list', () => {
  // next to the temporarily closed test station (tests/e2e/fixtures.ts), which is the nearest one
  const AT = { latitude: 32.1501, longitude: 118.9501 };

  it('a temporarily closed nearest station gets no "最近" badge, and its pin says so in words and shape', async () => {
    const page = await phone({ geolocation: AT });
    await page.goto('/');
    const rows = page.locator('ol[aria-labelledby="list-title"] li.row');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-id')).toBe('e2e-closed');
    expect(await rows.first().locator('.badge-nearest').count()).toBe(0);
    // the badge goes with the headline: on the nearest open station
    await expect.poll(() => page.locator('#list-title').textContent()).toMatch(/^最近的营业中驿站在/);
    const badged = page.locator('li.row:has(.badge-nearest)');
    expect(await badged.count()).toBe(1);
    expect(await badged.locator('.hours').getAttribute('class')).toContain('tone-open');

    const pin = page.locator('.mk-pin[title^="栖霞区测试路工会驿站"]');
    await pin.waitFor();
    expect(await pin.getAttribute('title')).toBe('栖霞区测试路工会驿站 · 暂停服务');
    expect(await pin.getAttribute('class')).toContain('is-paused');
  });

  it('with "营业中" on, the map shows only stations open now, as the list does', async () => {
    const page = await phone({ geolocation: AT });
    await page.goto('/');
    const pin = page.locator('.mk-pin[title^="栖霞区测试路工会驿站"]');
    await pin.waitFor();
    // (answered by the API or the offline copy, whichever is fresh: both run data/map-answer.ts)
    await page.getByRole('button', { name: '营业中', exact: true }).click();
    await expect.poll(() => pin.count(), { timeout: 10_000 }).toBe(0);
    const states = await page.locator('.mk-pin.mk-stations').evaluateAll((els) => els.map((e) => e.classList.contains('is-open')));
    expect(states.every(Boolean)).toBe(true);
    expect(await page.locator('li.row[data-id="e2e-closed"]').count()).toBe(0);
  });
});

describe('8. the data age is where the eye is', () => {
  it('offline, the pill at the top says how old the data is, with a date once it is old', async () => {
    const { context, page } = await h.phone();
    contexts.push(context);
    await page.clock.install();
    await page.goto('/');
    await expect.poll(() => page.locator('.as-of').textContent(), { timeout: 40_000 }).toMatch(/^数据更新于 \d\d:\d\d（.+）$/);
    await cutNetwork(context, page);
    const pill = page.locator('.net-status');
    await expect.poll(() => pill.textContent(), { timeout: 10_000 }).toMatch(/^离线 · (刚刚|\d+分钟前)更新$/);
    // ten days later, still offline
    await page.clock.fastForward(10 * 86_400_000);
    await expect.poll(() => pill.textContent(), { timeout: 10_000 }).toContain('离线 · 10天前更新');
    expect(await pill.textContent()).toMatch(/数据较旧（\d+月\d+日 \d\d:\d\d）$/);
    expect(await page.locator('.as-of').textContent()).toMatch(/^离线 · 数据更新于 \d+月\d+日 \d\d:\d\d（10天前）$/);
  }, 90_000);
});

describe('7. while picking on the map, taps place points', () => {
  it('a tap on a pin in "在地图上点选" places the position there and opens nothing', async () => {
    const page = await phone();
    await page.goto('/');
    await page.locator('li.row').first().waitFor();
    await page.getByRole('button', { name: '更改位置' }).click();
    await page.getByRole('button', { name: '在地图上点选' }).click();
    await page.locator('.pick-banner').waitFor();
    await page.locator('.mk-pin').first().waitFor();
    // a pin in the open part of the map (below the banner, above the sheet)
    const target = async () =>
      page.locator('.mk-pin').evaluateAll((els) => {
        const sheet = document.querySelector('.sheet')!.getBoundingClientRect().top;
        const banner = document.querySelector('.pick-banner')!.getBoundingClientRect().bottom;
        for (const e of els) {
          const r = e.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          if (y > banner + 10 && y < sheet - 10 && x > 10 && x < innerWidth - 70) return { x, y };
        }
        return null;
      });
    await expect.poll(target, { timeout: 10_000 }).not.toBeNull();
    const at = (await target())!;
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.locator('.position-line').textContent().catch(() => '')).toContain('地图上选的点');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('#detail-title').count()).toBe(0);
  });
});

describe('9. the person and the place stay in view', () => {
  /** Where an element's centre is, and whether it lies in the part of the map the sheet and top bar leave open. */
  const seen = (page: Page, selector: string) =>
    page.evaluate((sel) => {
      const e = document.querySelector(sel);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const top = document.querySelector('.top-bar')!.getBoundingClientRect().bottom;
      const bottom = document.querySelector('.sheet')!.getBoundingClientRect().top;
      return { x: Math.round(x), y: Math.round(y), visible: x > 0 && x < innerWidth && y > top && y < bottom };
    }, selector);

  it('a detail shows the rider and the station above the sheet; closing it returns to the list\'s view', async () => {
    const page = await phone();
    await page.goto('/');
    await page.locator('li.row').nth(6).waitFor();
    await expect.poll(async () => (await seen(page, '.mk-user'))?.visible, { timeout: 10_000 }).toBe(true);
    // the list's view has settled when the user dot stays put between two polls
    let before: Awaited<ReturnType<typeof seen>> = null;
    await expect.poll(async () => {
      const now = await seen(page, '.mk-user');
      const same = before !== null && JSON.stringify(now) === JSON.stringify(before);
      before = now;
      return same;
    }).toBe(true);
    await page.locator('li.row .row-name').nth(6).click();
    await page.locator('#detail-title').waitFor();
    await expect.poll(async () => (await seen(page, '.mk-pin.is-selected'))?.visible, { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await seen(page, '.mk-user'))?.visible).toBe(true);
    await historyBack(page);
    await page.locator('ol[aria-labelledby="list-title"]').waitFor();
    await expect.poll(async () => {
      const after = await seen(page, '.mk-user');
      return after && Math.abs(after.x - before!.x) <= 2 && Math.abs(after.y - before!.y) <= 2;
    }, { timeout: 10_000 }).toBe(true);
  });
});

describe('9b. the rider’s own zoom wins', () => {
  it('a list that answers after the rider zoomed in does not move the map back', async () => {
    const page = await phone();
    // the first answer is held until the rider has zoomed in: a slow network, made certain
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/stations/nearest?*', async (route) => {
      await held;
      await route.continue();
    });
    const zoom = () => page.locator('.leaflet-tile-loaded').evaluateAll((els) => Math.max(...els.map((e) => Number(/\/(\d+)\/\d+\/\d+/.exec((e as HTMLImageElement).src)?.[1] ?? -1))));
    await page.goto('/');
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    const start = await zoom();
    await page.locator('.leaflet-control-zoom-in').click();
    await expect.poll(zoom, { timeout: 20_000 }).toBe(start + 1);
    const pane = () => page.evaluate(() => document.querySelector('.leaflet-zoom-anim') ? 'moving' : document.querySelector<HTMLElement>('.leaflet-map-pane')!.style.transform);
    await expect.poll(async () => (await pane()) !== 'moving').toBe(true);
    const view = await pane();
    release();
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    // the list (and its pins) came; the map stays where the rider put it
    await page.locator('.mk-pin').first().waitFor({ timeout: 10_000 });
    expect(await pane()).toBe(view);
    expect(await zoom()).toBe(start + 1);
  });
});

describe('9c. the first answer on the map', () => {
  const tileZoom = (p: Page) => p.locator('.leaflet-tile-loaded').evaluateAll((els) => Math.max(...els.map((e) => Number(/\/(\d+)\/\d+\/\d+/.exec((e as HTMLImageElement).src)?.[1] ?? -1))));
  /**
   * A phone at `at` whose view answers never come (no offline copy either): pins can only be the
   * list's. The map is made once the config is in: it is held until the list's answer is, so the
   * map is made with it. Resolves with the page and the number of stations the list's answer has.
   */
  const withoutViews = async (at: { latitude: number; longitude: number }) => {
    const page = await phone({ geolocation: at, offlineCopy: false });
    const listed = new Promise<number>((resolve) => page.on('response', (r) => {
      if (r.url().includes('/api/stations/nearest?')) void r.json().then((b: { items: unknown[] }) => resolve(b.items.length));
    }));
    await page.route(/\/api\/stations\?.*bbox=/, () => new Promise(() => {}));
    await page.route('**/api/config', async (route) => (await listed, route.continue()));
    await page.goto('/');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    return { page, items: await listed };
  };

  it('a close-up view shows the list’s stations as pins before the view’s own answer', async () => {
    const { page, items } = await withoutViews(NANJING);
    expect(await tileZoom(page)).toBeGreaterThanOrEqual(14);
    expect(items).toBeGreaterThan(0);
    expect(await page.locator('.mk-pin').count()).toBe(items);
  });

  it('a wide view waits for the view’s answer (its stations may be clusters there), not twenty pins that then merge', async () => {
    // far from the demo's towns: the first answers are spread over hundreds of kilometres
    const { page, items } = await withoutViews({ latitude: 33.5, longitude: 86.5 });
    expect(await tileZoom(page)).toBeLessThan(14);
    expect(items).toBeGreaterThan(0);
    expect(await page.locator('.mk-pin').count()).toBe(0);
  });
});

describe('polish', () => {
  it('an en-US browser starts in English; each distance is read once', async () => {
    const page = await phone({ locale: 'en' });
    await page.goto('/');
    await page.locator('li.row').first().waitFor();
    await expect.poll(() => page.locator('#list-title').textContent()).toMatch(/^Nearest (open )?station: .+ away$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('li.row').first().locator('.row-dist').getAttribute('aria-hidden')).toBe('true');
  });
});

describe('5. search results on the map', () => {
  it('a search far from the rider moves the map to what it found', async () => {
    const page = await phone();
    await page.goto('/');
    await page.locator('li.row').first().waitFor();
    const pin = page.locator('.mk-pin[title^="栖霞区测试路工会驿站"]');
    await page.getByRole('searchbox').fill('栖霞区测试路');
    await page.locator('ol[aria-labelledby="search-title"] li.row[data-id="e2e-closed"]').waitFor();
    await pin.waitFor({ timeout: 10_000 });
  });
});
