// A station's detail: hours (today and the week), amenities, call, navigation hand-off links with
// converted coordinates, a shareable link that opens it, and keyboard-only use of the list.
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { AMENITIES } from '../../data/catalog';
import { harness, historyBack, type Harness } from './harness';
import { NANJING } from './fixtures';

interface Station {
  id: string;
  name: string;
  lat: number;
  lng: number;
  amenities: string[];
  opening_hours?: string;
  phone?: string;
}
let h: Harness;
let context: BrowserContext;
let page: Page;
let stations: Station[];

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone());
  const q = `lat=${NANJING.latitude}&lng=${NANJING.longitude}&limit=20&maxDistance=20000`;
  stations = (await h.api<{ items: Station[] }>(`/api/stations/nearest?${q}&fields=full`)).items;
});
afterAll(async () => {
  await context?.close();
});

describe('detail sheet', () => {
  it('shows hours for today and the week, and amenities with labels', async () => {
    const s = stations.find((x) => x.opening_hours && x.opening_hours !== '24/7' && x.amenities.length >= 2 && x.phone)!;
    expect(s).toBeTruthy();
    await page.goto('/');
    await page.locator(`li.row[data-id="${s.id}"] .row-name`).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(s.name);
    expect(new URL(page.url()).searchParams.get('station')).toBe(s.id);
    const week = page.locator('table.week tr');
    await expect.poll(() => week.count()).toBe(7);
    expect(await week.first().locator('th').textContent()).toMatch(/^今天 周[一二三四五六日]$/);
    expect(await week.first().locator('td').textContent()).toMatch(/\d\d:\d\d–\d\d:\d\d|休息/);
    const labels = await page.locator('section[aria-labelledby="d-amenities"] li').allTextContents();
    expect(labels).toEqual(AMENITIES.filter((a) => s.amenities.includes(a.key)).map((a) => a.zh));
    expect(await page.locator('a[href^="tel:"]').getAttribute('href')).toBe(`tel:${s.phone!.replace(/[^\d+]/g, '')}`);
    await page.locator('.detail .hours-big').waitFor();
  });

  it('shows a night past midnight as one opening ending 次日 (en: next day)', async () => {
    // the demo data has stations open 20:00-06:00 and 18:00-08:00 every day
    const q = `lat=${NANJING.latitude}&lng=${NANJING.longitude}&limit=100&maxDistance=200000`;
    const all = (await h.api<{ items: Station[] }>(`/api/stations/nearest?${q}&fields=full`)).items;
    const night = all.find((x) => x.opening_hours === '20:00-06:00' || x.opening_hours === 'Mo-Su 18:00-08:00')!;
    expect(night).toBeTruthy();
    const [open, close] = night.opening_hours!.replace('Mo-Su ', '').split('-');
    const p = await h.phone();
    await p.page.goto(`/?station=${night.id}`);
    const cells = p.page.locator('table.week td');
    await expect.poll(() => cells.count()).toBe(7);
    const days = await cells.allTextContents();
    // every day says it once; today also lists last night's end while it lasts
    for (const d of days.slice(1)) expect(d).toBe(`${open}–次日${close}`);
    expect(days[0]).toMatch(new RegExp(`^(00:00–${close}，)?${open}–次日${close}$`));
    expect(days.join()).not.toContain('24:00');
    // the state line under the name, by the Shanghai clock: open before midnight closes 次日
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const line = hour >= Number(open.slice(0, 2)) ? `营业中 · 次日${close} 关门` : hour < Number(close.slice(0, 2)) ? `营业中 · ${close} 关门` : `已关门 · ${open} 开门`;
    await expect.poll(() => p.page.locator('.detail .hours-big').textContent()).toContain(line);
    await p.context.close();

    const en = await h.phone({ locale: 'en' });
    await en.page.goto(`/?station=${night.id}`);
    await expect.poll(() => en.page.locator('table.week td').nth(3).textContent()).toBe(`${open}–${close} (next day)`);
    await en.context.close();
  });

  it('hands off a route to navigation apps with each app\'s coordinate system', async () => {
    const title = await page.locator('#detail-title').textContent();
    const s = stations.find((x) => x.name === title)!;
    await page.getByRole('button', { name: '导航' }).click();
    const href = (app: string) => page.locator(`.nav-menu a[data-app="${app}"]`).getAttribute('href');
    const [gLng, gLat] = gcoord.transform([s.lng, s.lat], gcoord.WGS84, gcoord.GCJ02) as number[];
    const [bLng, bLat] = gcoord.transform([s.lng, s.lat], gcoord.WGS84, gcoord.BD09) as number[];
    // a desktop-like browser: every app, the Chinese ones first
    expect(await page.locator('.nav-menu a').allTextContents()).toEqual(['高德地图', '百度地图', '腾讯地图', '苹果地图', '谷歌地图', '其他地图应用']);

    const amap = new URL((await href('amap'))!);
    expect(amap.host + amap.pathname).toBe('uri.amap.com/navigation');
    const [aLng, aLat, aName] = amap.searchParams.get('to')!.split(',');
    expect(Number(aLng)).toBeCloseTo(gLng, 6);
    expect(Number(aLat)).toBeCloseTo(gLat, 6);
    expect(aName).toBe(s.name);
    expect(amap.searchParams.get('coordinate')).toBe('gaode');

    // Baidu's route starts at the rider's position (the phone's, Nanjing), both in BD-09
    const baidu = new URL((await href('baidu'))!);
    expect(baidu.host + baidu.pathname).toBe('api.map.baidu.com/direction');
    const [bdLat, bdLng] = /^latlng:([^|]+)\|/.exec(baidu.searchParams.get('destination')!)![1].split(',').map(Number);
    expect(bdLat).toBeCloseTo(bLat, 6);
    expect(bdLng).toBeCloseTo(bLng, 6);
    const [oLng, oLat] = gcoord.transform([NANJING.longitude, NANJING.latitude], gcoord.WGS84, gcoord.BD09) as number[];
    expect(baidu.searchParams.get('origin')).toBe(`latlng:${oLat.toFixed(6)},${oLng.toFixed(6)}`);
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');

    const tencent = new URL((await href('tencent'))!);
    expect(tencent.host + tencent.pathname).toBe('apis.map.qq.com/uri/v1/routeplan');
    const [tLat, tLng] = tencent.searchParams.get('tocoord')!.split(',').map(Number);
    expect(tLat).toBeCloseTo(gLat, 6);
    expect(tLng).toBeCloseTo(gLng, 6);
    expect(tencent.searchParams.get('type')).toBe('drive');

    const apple = new URL((await href('apple'))!);
    expect(apple.searchParams.get('daddr')).toBe(`${s.lat.toFixed(6)},${s.lng.toFixed(6)}`);
    const google = new URL((await href('google'))!);
    expect(google.searchParams.get('destination')).toBe(`${s.lat.toFixed(6)},${s.lng.toFixed(6)}`);
    expect(await href('geo')).toMatch(new RegExp(`^geo:${s.lat.toFixed(6)},${s.lng.toFixed(6)}\\?q=`));
  });

  it('orders the apps for the phone: Android 高德, 百度, 腾讯 first and no Apple Maps; iPhone with Apple Maps', async () => {
    const s = stations[0];
    const agents = {
      android: 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    };
    const menus: Record<string, string[]> = {};
    for (const [name, userAgent] of Object.entries(agents)) {
      const p = await h.phone({ userAgent });
      await p.page.goto(`/?station=${s.id}`);
      await p.page.getByRole('button', { name: '导航' }).click();
      await p.page.locator('.nav-menu a').first().waitFor();
      menus[name] = await p.page.locator('.nav-menu a').allTextContents();
      await p.context.close();
    }
    expect(menus.android).toEqual(['高德地图', '百度地图', '腾讯地图', '其他地图应用', '谷歌地图']);
    expect(menus.iphone).toEqual(['高德地图', '百度地图', '腾讯地图', '苹果地图', '谷歌地图']);
  });

  it('without the rider\'s own position Baidu shows the place (its web route needs a start); the others still route', async () => {
    const s = stations[0];
    const p = await h.phone({ geolocation: null });
    await p.page.goto(`/?station=${s.id}`);
    await p.page.getByRole('button', { name: '导航' }).click();
    const baidu = new URL((await p.page.locator('.nav-menu a[data-app="baidu"]').getAttribute('href'))!);
    expect(baidu.pathname).toBe('/marker');
    const [bLng, bLat] = gcoord.transform([s.lng, s.lat], gcoord.WGS84, gcoord.BD09) as number[];
    const [lat, lng] = baidu.searchParams.get('location')!.split(',').map(Number);
    expect(lat).toBeCloseTo(bLat, 6);
    expect(lng).toBeCloseTo(bLng, 6);
    expect(new URL((await p.page.locator('.nav-menu a[data-app="amap"]').getAttribute('href'))!).pathname).toBe('/navigation');
    await p.context.close();
  });

  it('Back closes the detail; a shared link opens the station directly', async () => {
    const id = new URL(page.url()).searchParams.get('station')!;
    // the navigation menu (left open above) is the top layer: Back closes it, then the detail
    await historyBack(page);
    await expect.poll(() => page.locator('.nav-menu').count()).toBe(0);
    expect(await page.locator('#detail-title').count()).toBe(1);
    await historyBack(page);
    await page.locator('ol.place-list').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.goto(`/?station=${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(stations.find((s) => s.id === id)!.name);
    await page.goto('/?station=does-not-exist');
    await expect.poll(() => page.locator('.detail [role="alert"]').textContent()).toContain('找不到这个地点');
  });

  it('a shared link opened without a position starts the map at the station (no tiles of the whole country first); a link to no place gets the country', async () => {
    const s = stations[3];
    const p = await h.phone({ geolocation: null });
    const zooms = new Set<number>();
    p.page.on('request', (r) => {
      const tile = /\/(\d+)\/\d+\/\d+\.png$/.exec(r.url());
      if (tile) zooms.add(Number(tile[1]));
    });
    await p.page.goto(`/?station=${s.id}`);
    await expect.poll(() => p.page.locator('#detail-title').textContent()).toBe(s.name);
    await p.page.locator('.leaflet-tile-loaded').first().waitFor({ state: 'attached' });
    expect([...zooms]).toEqual([16]);
    // a link to no place still gets its map (of the whole country)
    zooms.clear();
    await p.page.goto('/?station=does-not-exist');
    await expect.poll(() => p.page.locator('.detail [role="alert"]').count()).toBe(1);
    await expect.poll(() => zooms.size).toBeGreaterThan(0);
    expect(Math.max(...zooms)).toBeLessThan(8);
    await p.context.close();
  });

  it('share copies the link when the Web Share API is missing', async () => {
    await context.grantPermissions(['geolocation', 'clipboard-read', 'clipboard-write']);
    const s = stations[0];
    await page.goto(`/?station=${s.id}`);
    await page.evaluate(() => Object.defineProperty(navigator, 'share', { value: undefined }));
    await page.getByRole('button', { name: '分享' }).click();
    await expect.poll(() => page.locator('.toast').textContent()).toBe('链接已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${h.baseUrl}/?station=${s.id}`);
  });
});

describe('keyboard only', () => {
  it('reaches the list, moves with arrows, opens with Enter and returns with Escape', async () => {
    await page.goto('/');
    await page.locator('li.row').first().waitFor();
    await page.keyboard.press('Tab'); // skip link
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    // Tab from the top of the sheet until the first row's button has focus.
    for (let i = 0; i < 30; i++) {
      if (await page.evaluate(() => document.activeElement?.classList.contains('row-name'))) break;
      await page.keyboard.press('Tab');
    }
    const focusedId = () => page.evaluate(() => (document.activeElement?.closest('li.row') as HTMLElement | null)?.dataset.id);
    expect(await focusedId()).toBe(stations[0].id);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe(stations[2].id);
    await page.keyboard.press('ArrowUp');
    expect(await focusedId()).toBe(stations[1].id);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(stations[1].name);
    // the heading takes focus once the record is there (a listed station's record is loaded first)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    await page.keyboard.press('Escape');
    await expect.poll(focusedId).toBe(stations[1].id);
  });
});

describe('status and merchants', () => {
  it('shows a temporary closure prominently, in words', async () => {
    await page.goto('/?station=e2e-closed');
    const banner = page.locator('.banner-warning');
    await banner.waitFor();
    expect(await banner.textContent()).toBe('暂停服务');
    expect(await page.locator('.detail .hours-big').textContent()).toBe('暂停服务');
  });

  it('a partner merchant shows its current offers', async () => {
    interface M {
      id: string;
      name: string;
      offers: { title: string }[];
    }
    const q = `lat=${NANJING.latitude}&lng=${NANJING.longitude}&limit=10&maxDistance=20000`;
    const merchants = (await h.api<{ items: M[] }>(`/api/merchants/nearest?${q}`)).items;
    const m = merchants.find((x) => x.offers.length > 0);
    expect(m, 'a demo merchant with offers near Nanjing').toBeTruthy();
    await page.goto(`/?merchant=${m!.id}`);
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(m!.name);
    const titles = await page.locator('.offers .offer-title').allTextContents();
    expect(titles).toEqual(m!.offers.map((o) => o.title));
  });
});
