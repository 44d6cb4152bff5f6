// Issue 15 ("Real use"), the merchant and the admin, walked in Chromium on a 390 px phone:
// the shop form takes coordinates copied from Amap (GCJ-02) and stores them as WGS-84; the offer
// form speaks 折 (8 → 20 % off; 0 折 refused); dates read 2026年5月9日, never 05/09/2026; the import
// report speaks Chinese with the form's labels, fits the phone, and a workbook is one clear error;
// triage applies "amenity missing" and a temporary closure with its last day, and names the
// resolver by name.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { toWgs84 } from '../../data/crs';
import { ROOT } from './app-server';
import { harness, type Harness } from './harness';

const ADMIN = { email: 'admin-realuse@example.org', password: 'admin-realuse-password', name: '周调度' };
const MERCHANT = { email: `realuse-${Date.now()}@example.org`, password: 'merchant-pass-123', name: '赵老板' };
const STATION = `e2e-realuse-${Date.now().toString(36)}`;
let h: Harness;
const contexts: BrowserContext[] = [];

/** A calendar day in China `days` from now: [YYYY-MM-DD, how the app writes it in Chinese]. */
function chinaDay(days: number): [string, string] {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + days * 86_400_000);
  const [y, m, d] = ymd.split('-').map(Number);
  return [ymd, `${y}年${m}月${d}日`];
}

async function call(method: string, path: string, body?: unknown, cookie = '') {
  const res = await fetch(h.baseUrl + path, {
    method, headers: { 'content-type': 'application/json', origin: h.baseUrl, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.get('set-cookie');
  return { status: res.status, body: res.status === 204 ? null : await res.json(), cookie: set ? set.split(';')[0] : '' };
}

async function phone(): Promise<Page> {
  const { context, page } = await h.phone();
  contexts.push(context);
  return page;
}

async function signIn(page: Page, who: { email: string; password: string }, landing: string) {
  await page.goto('/business/#/signin');
  await page.locator('#auth-email').fill(who.email);
  await page.locator('#auth-password').fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect.poll(() => page.locator('main h1').textContent()).toBe(landing);
}

/** True when nothing on the page is wider than the phone (no sideways scrolling). */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  h = await harness();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/admin-create.ts'), '--email', ADMIN.email, '--name', ADMIN.name], {
    cwd: ROOT, env: { ...process.env, DATABASE_PATH: h.dbPath }, input: `${ADMIN.password}\n`, encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`admin:create failed (${r.status}): ${r.stderr}`);
  expect((await call('POST', '/api/auth/register', MERCHANT)).status).toBe(201);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

describe('15. the merchant', () => {
  let merchant: Page;
  let shopId: string;
  const myShop = async () => {
    const r = await merchant.evaluate(async () => (await (await fetch('/api/my/merchants')).json()) as { items: { id: string; lat: number; lng: number; offers: { kind: string; value: number }[] }[] });
    return r.items[0];
  };

  it('coordinates copied from Amap are declared GCJ-02 and saved as WGS-84', async () => {
    merchant = await phone();
    await signIn(merchant, MERCHANT, '我的店铺');
    await merchant.getByRole('link', { name: '添加店铺' }).click();
    await expect.poll(() => merchant.locator('main h1').textContent()).toBe('添加店铺');
    await merchant.locator('#shop-name').fill('高德坐标轮胎店');
    await merchant.locator('#shop-category').selectOption('tires');
    await merchant.locator('#shop-lat').fill('32.059300');
    await merchant.locator('#shop-lng').fill('118.802100');
    const gcj = merchant.getByRole('radio', { name: 'GCJ-02（高德、腾讯地图）' });
    expect(await merchant.getByRole('radio', { name: 'WGS-84（GPS、OpenStreetMap）' }).isChecked()).toBe(true); // the default
    await gcj.check();
    await merchant.locator('.leaflet-marker-icon').waitFor();
    expect(await fits(merchant)).toBe(true);
    await merchant.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => merchant.url()).toMatch(/#\/shops\/m_/);
    shopId = decodeURIComponent(merchant.url().split('#/shops/')[1]);
    const [lng, lat] = toWgs84([118.8021, 32.0593], 'gcj02');
    const shop = await myShop();
    expect(shop.id).toBe(shopId);
    expect(shop.lat).toBeCloseTo(lat, 5);
    expect(shop.lng).toBeCloseTo(lng, 5);
    expect(Math.abs(shop.lng - 118.8021)).toBeGreaterThan(0.003); // a few hundred metres: really converted
  });

  it('an offer in 折: 0 折 is refused in words, 8 折 is 20 % off; its dates read in full', async () => {
    await merchant.getByRole('link', { name: '添加优惠' }).click();
    await expect.poll(() => merchant.locator('main h1').textContent()).toBe('添加优惠');
    await merchant.locator('#offer-title').fill('全场八折');
    await merchant.getByRole('radio', { name: '打折' }).check();
    const value = merchant.getByLabel('折扣（折）');
    for (const bad of ['0', '10']) {
      await value.fill(bad);
      await merchant.getByRole('button', { name: '提交', exact: true }).click();
      await expect.poll(() => merchant.locator('#offer-value-error').textContent()).toBe('请输入 0.1 到 9.9 之间的折扣，例如 8.5 表示八五折');
    }
    expect((await myShop()).offers).toEqual([]);
    await value.fill('8');
    const [from, fromText] = chinaDay(1);
    const [to, toText] = chinaDay(60);
    await merchant.locator('#offer-from').fill(from);
    await merchant.locator('#offer-to').fill(to);
    // the browser draws the date in its own pattern; the app writes it out beside it
    await expect.poll(() => merchant.locator('#offer-from ~ .date-echo').textContent()).toBe(fromText);
    await merchant.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => merchant.locator('main h1').textContent()).toBe('高德坐标轮胎店');
    const card = merchant.locator('.offers-section li.card');
    await card.waitFor();
    expect(await card.locator('.offer-value').textContent()).toContain('8折');
    expect(await card.textContent()).toContain(`${fromText} 至 ${toText}`);
    expect(await card.textContent()).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect((await myShop()).offers).toMatchObject([{ kind: 'percent_off', value: 20 }]);
    // in English the same dates read day month year, the month in words
    await merchant.getByRole('button', { name: 'Switch to English' }).click();
    const en = (ymd: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${ymd}T00:00:00Z`));
    await expect.poll(() => card.textContent()).toContain(`${en(from)} to ${en(to)}`);
    expect(en(from)).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
    await merchant.getByRole('button', { name: '切换到中文' }).click();
  });
});

describe('13. the import report speaks the app’s language and fits a phone', () => {
  let admin: Page;

  it('bad rows: the field as the form names it, the reason in Chinese, no sideways scrolling', async () => {
    admin = await phone();
    await signIn(admin, ADMIN, '待审核');
    await admin.getByRole('link', { name: '导入', exact: true }).click();
    await expect.poll(() => admin.locator('main h1').textContent()).toBe('批量导入');
    const file = [
      'id,name,lat,lng,opening_hours',
      'e2e-ru-1,江宁户外劳动者服务站（一个很长很长的名字用来检验手机上的换行效果）,132.05,118.8400,24/7',
      'e2e-ru-2,六合驿站,32.3400,118.8300,周一至周五 早八点到晚六点',
      'e2e-ru-3,,32.3500,,24/7',
    ].join('\n');
    await admin.locator('#import-file').setInputFiles({ name: 'stations.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await admin.getByRole('button', { name: '检查文件' }).click();
    const errors = admin.locator('#import-errors tbody tr');
    await errors.first().waitFor();
    const rows = await errors.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('.report-field')!.textContent, tr.querySelector('.report-reason')!.textContent]));
    expect(rows).toEqual([
      ['2', '纬度', '132.05 超出纬度范围（−90 到 90）：纬度和经度是不是填反了？'],
      ['3', '营业时间', '无法识别的营业时间“周一至周五 早八点到晚六点”。请用 OSM 格式，例如 Mo-Fr 08:00-18:00 或 24/7。'],
      ['4', '名称', '必填，不能为空。'],
      ['4', '经度', '必填，不能为空。'],
    ]);
    expect(await admin.locator('.import-report').textContent()).not.toMatch(/out of range|is missing|opening_hours|Unexpected|lat\b/);
    expect(await fits(admin)).toBe(true);
    // the table itself fits too: no scrolling sideways inside its box either
    expect(await admin.locator('#import-errors').evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  });

  it('a 5 MB workbook saved as .csv is one clear error', async () => {
    const xlsx = Buffer.alloc(5 * 1024 * 1024);
    xlsx.set([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 4; i < xlsx.length; i += 7) xlsx[i] = (i * 31) & 0xff;
    await admin.locator('#import-file').setInputFiles({ name: '驿站名单.csv', mimeType: 'text/csv', buffer: xlsx });
    await admin.getByRole('button', { name: '检查文件' }).click();
    await expect.poll(() => admin.locator('#import-errors tbody tr').count()).toBe(1);
    const row = admin.locator('#import-errors tbody tr');
    expect(await row.locator('th').textContent()).toBe('文件');
    expect(await row.locator('.report-reason').textContent()).toBe('这不是 CSV 或 GeoJSON 文件（看起来是 Excel 工作簿（.xlsx）或压缩包）。请在表格软件里“另存为 CSV（UTF-8）”后再上传。');
    expect(await fits(admin)).toBe(true);
  });
});

describe('16. report triage', () => {
  let admin: Page;
  const station = async () => (await h.api<{ station: { status: string; closed_until?: string; amenities: string[]; amenities_unavailable?: string[] } }>(`/api/stations/${STATION}`)).station;
  const report = (kind: string, extra: object = {}) =>
    call('POST', '/api/reports', { clientId: crypto.randomUUID(), targetType: 'station', targetId: STATION, kind, ...extra });

  beforeAll(async () => {
    const { cookie } = await call('POST', '/api/auth/login', ADMIN);
    const made = await call('POST', '/api/admin/stations', {
      id: STATION, name: '分诊测试驿站', type: 'union_station', lat: 32.0655, lng: 118.7745, opening_hours: '24/7', amenities: ['drinking_water', 'microwave'],
    }, cookie);
    expect(made.status).toBe(201);
    expect((await report('amenity_missing', { amenity: 'drinking_water', note: '饮水机不出水' })).status).toBe(201);
    expect((await report('temporarily_closed', { note: '门上贴着装修通知' })).status).toBe(201);
  });

  it('"amenity missing" is applied: the amenity is marked out of order; the resolver is shown by name, the time in full', async () => {
    admin = await phone();
    await signIn(admin, ADMIN, '待审核');
    await admin.goto(`/business/#/admin/reports/station/${STATION}`);
    const card = admin.locator('li.report-card', { hasText: '饮水机不出水' });
    await card.waitFor();
    await card.getByRole('button', { name: '标记该设施暂不可用并处理' }).click();
    await expect.poll(async () => (await station()).amenities_unavailable).toEqual(['drinking_water']);
    expect((await station()).amenities).toEqual(['drinking_water', 'microwave']);
    const resolved = card.locator('p', { hasText: '处理' }).filter({ hasText: ADMIN.name });
    await resolved.waitFor();
    const text = (await resolved.textContent())!;
    expect(text).toMatch(new RegExp(`^${ADMIN.name} 于 \\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 处理 · 已应用到驿站$`));
    expect(text).not.toContain(ADMIN.email);
  });

  it('"temporarily closed" with a last day: the station is closed until then and says so', async () => {
    const card = admin.locator('li.report-card', { hasText: '门上贴着装修通知' });
    const [until, untilText] = chinaDay(3);
    const date = card.getByLabel(/暂停至/);
    await date.fill(until);
    await expect.poll(() => card.locator('.date-echo').textContent()).toBe(untilText);
    await card.getByRole('button', { name: '设为暂停服务并处理' }).click();
    await expect.poll(async () => (await station()).status).toBe('temporarily_closed');
    expect((await station()).closed_until).toBe(until);
    await admin.goto(`/business/#/admin/stations/${STATION}`);
    await expect.poll(() => admin.locator('.status-panel .station-status').textContent()).toBe(`暂停服务至 ${untilText}`);
    expect(await fits(admin)).toBe(true);
    // a worker opening the station in the app reads until when it is closed
    const worker = await phone();
    await worker.goto(`/?station=${STATION}`);
    await expect.poll(() => worker.locator('#detail-title').textContent()).toBe('分诊测试驿站');
    const [, m, d] = until.split('-').map(Number);
    await expect.poll(() => worker.locator('.detail .hours-big').textContent()).toBe(`暂停服务至 ${m}月${d}日`);
  });

  it('the station page closes it temporarily until a day as well', async () => {
    await admin.goto(`/business/#/admin/stations/${STATION}`);
    await admin.getByRole('button', { name: '重新开放' }).click();
    await expect.poll(() => admin.locator('.status-panel .station-status').textContent()).toBe('正常开放');
    expect((await station()).closed_until).toBeUndefined();
    const [until, untilText] = chinaDay(10);
    await admin.getByLabel(/暂停至/).fill(until);
    await admin.getByRole('button', { name: '暂停服务' }).click();
    await expect.poll(() => admin.locator('.status-panel .station-status').textContent()).toBe(`暂停服务至 ${untilText}`);
    expect(await station()).toMatchObject({ status: 'temporarily_closed', closed_until: until });
  });

  it('the station’s operator closes it until a day too', async () => {
    const { cookie } = await call('POST', '/api/auth/login', ADMIN);
    expect((await call('POST', '/api/admin/operators', { accountEmail: MERCHANT.email, stationIds: [STATION] }, cookie)).status).toBe(201);
    await call('PATCH', `/api/admin/stations/${STATION}`, { status: 'open' }, cookie);
    const operator = await phone();
    await signIn(operator, MERCHANT, '我的店铺');
    await operator.goto(`/business/#/stations/${STATION}`);
    await expect.poll(() => operator.locator('main h1').textContent()).toBe('分诊测试驿站');
    const [until, untilText] = chinaDay(5);
    await operator.getByLabel(/暂停至/).fill(until);
    await operator.getByRole('button', { name: '暂停服务' }).click();
    await expect.poll(() => operator.locator('.station-status').textContent()).toBe(`暂停服务至 ${untilText}`);
    expect(await station()).toMatchObject({ status: 'temporarily_closed', closed_until: until });
    expect(await fits(operator)).toBe(true);
  });
});
