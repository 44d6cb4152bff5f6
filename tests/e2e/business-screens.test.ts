// Screenshots of the business app at 390×844 (zh, en, dark) and 320 px, for people to look at.
// Runs only with BUSINESS_SHOTS=/some/dir (the images land there); it checks nothing else but that
// every screen renders its heading without a horizontal scrollbar.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from './app-server';
import { harness, type Harness } from './harness';

const OUT = process.env.BUSINESS_SHOTS;
const ADMIN = { email: 'admin-shots@example.org', password: 'admin-shots-password' };
let h: Harness;
const contexts: BrowserContext[] = [];
const cookies: Record<'merchant' | 'admin', string> = { merchant: '', admin: '' };
const made: { shop?: string; offer?: string } = {};

/** A JSON call as a browser on the same origin makes it (Origin header, session cookie). */
async function call(method: string, path: string, body?: unknown, cookie = '') {
  const res = await fetch(h.baseUrl + path, {
    method, headers: { 'content-type': 'application/json', origin: h.baseUrl, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.get('set-cookie');
  return { status: res.status, body: res.status === 204 ? null : await res.json(), cookie: set ? set.split(';')[0] : '' };
}

async function setup() {
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/admin-create.ts'), '--email', ADMIN.email, '--name', '张管理'], {
    cwd: ROOT, env: { ...process.env, DATABASE_PATH: h.dbPath }, input: `${ADMIN.password}\n`,
  });
  cookies.admin = (await call('POST', '/api/auth/login', ADMIN)).cookie;
  cookies.merchant = (await call('POST', '/api/auth/register', { email: `shots-${Date.now()}@example.org`, password: 'merchant-pass-123', name: '李师傅' })).cookie;
  const shop = await call('POST', '/api/my/merchants', {
    name: '中策轮胎（鼓楼店）', category: 'tires', lat: 32.0621, lng: 118.7912, address: '南京市鼓楼区中山北路 100 号', city: '南京', district: '鼓楼区',
    phone: '025-83330000', opening_hours: 'Mo-Fr 08:30-12:00,13:30-19:00; Sa 09:00-17:00', notes: '门口可停货车',
  }, cookies.merchant);
  made.shop = shop.body.merchant.id;
  const o1 = await call('POST', `/api/my/merchants/${made.shop}/offers`, { title: '轮胎换装工时费九折', kind: 'percent_off', value: 10, redeem: '出示工会会员卡', valid_to: '2027-06-30' }, cookies.merchant);
  made.offer = o1.body.offer.id;
  const o2 = await call('POST', `/api/my/merchants/${made.shop}/offers`, { title: '免费补胎一次', kind: 'free_item', terms: '每月限一次', description: '小钉子扎胎，免费修补' }, cookies.merchant);
  await call('POST', `/api/admin/offers/${o2.body.offer.id}/review`, { decision: 'reject', reason: '请写清楚适用的车型和地点' }, cookies.admin);
  for (const [kind, note] of [['closed', '门锁着，贴了搬迁通知'], ['closed', ''], ['confirmed', '']] as const) {
    await call('POST', '/api/reports', { clientId: crypto.randomUUID(), targetType: 'station', targetId: 'e2e-closed', kind, ...(note ? { note } : {}) });
  }
  await call('POST', '/api/reports', { clientId: crypto.randomUUID(), targetType: 'station', targetId: 'e2e-xss', kind: 'amenity_missing', amenity: 'drinking_water', note: '饮水机坏了' });
}

async function page(role: 'merchant' | 'admin', o: { locale?: 'zh-CN' | 'en'; dark?: boolean; width?: number }): Promise<Page> {
  const { context, page: p } = await h.phone({ colorScheme: o.dark ? 'dark' : 'light', width: o.width, locale: o.locale });
  contexts.push(context);
  const [name, value] = cookies[role].split('=');
  // the session and the readable "signed in" hint the app looks for before asking who it is
  await context.addCookies([{ name, value, url: h.baseUrl }, { name: 'yz_signed_in', value: '1', url: h.baseUrl }]);
  if (o.locale === 'en') await context.addInitScript(() => localStorage.setItem('yizhan.locale', JSON.stringify('en')));
  return p;
}

async function shoot(p: Page, hash: string, file: string, before?: (p: Page) => Promise<void>) {
  await p.goto(`/business/${hash}`);
  await p.locator('main h1').waitFor();
  await p.waitForLoadState('networkidle').catch(() => {});
  if (before) await before(p);
  await p.waitForTimeout(400);
  expect(await p.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${file}: no sideways scrolling`).toBe(true);
  // one image per screenful (the first few), easier to read than one very tall page
  const { width, height } = p.viewportSize()!;
  const total = await p.evaluate(() => document.documentElement.scrollHeight);
  for (let i = 0; i * height < total && i < 4; i++) {
    await p.screenshot({ path: join(OUT!, `${file}-${i + 1}.png`), fullPage: true, clip: { x: 0, y: i * height, width, height: Math.min(height, total - i * height) } });
  }
}

describe.skipIf(!OUT)('business app screenshots', () => {
  beforeAll(async () => {
    h = await harness();
    mkdirSync(OUT!, { recursive: true });
    await setup();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
  });

  for (const [tag, o] of [['zh', {}], ['en', { locale: 'en' as const }], ['dark', { dark: true }], ['320', { width: 320 }]] as const) {
    it(`merchant screens (${tag})`, async () => {
      const anon = await h.phone({ colorScheme: 'dark' in o ? 'dark' : 'light', width: 'width' in o ? o.width : undefined });
      contexts.push(anon.context);
      if ('locale' in o) await anon.context.addInitScript(() => localStorage.setItem('yizhan.locale', JSON.stringify('en')));
      await shoot(anon.page, '#/signup', `${tag}-signup`);
      const m = await page('merchant', o);
      await shoot(m, '#/shops', `${tag}-shops`);
      await shoot(m, `#/shops/${made.shop}`, `${tag}-shop`, async (p) => void (await p.locator('.leaflet-marker-icon').waitFor()));
      await shoot(m, `#/shops/${made.shop}/offers/new`, `${tag}-offer-new`, async (p) => void (await p.getByRole('button', { name: /提交|Submit/ }).click()));
    });

    it(`admin screens (${tag})`, async () => {
      const a = await page('admin', o);
      await shoot(a, '#/admin/queue', `${tag}-queue`);
      await shoot(a, '#/admin/stations?q=%E9%A9%BF%E7%AB%99&near=nanjing', `${tag}-stations`);
      await shoot(a, '#/admin/stations/e2e-closed', `${tag}-station`);
      await shoot(a, '#/admin/reports', `${tag}-reports`);
      await shoot(a, '#/admin/reports/station/e2e-closed', `${tag}-report-target`);
      await shoot(a, '#/admin/import', `${tag}-import`, async (p) => {
        await p.locator('#import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name,type,lat,lng\nx-1,测试驿站,union_station,abc,118.8\nx-2,,nowhere,32,118.8\n') });
        await p.locator('form button[type="submit"]').click();
        await p.locator('#import-errors').waitFor();
      });
      await shoot(a, '#/admin/audit', `${tag}-audit`, async (p) => void (await p.locator('details summary').first().click()));
      await shoot(a, '#/admin/export', `${tag}-export`);
    });
  }
});
