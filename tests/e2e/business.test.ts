// The business app (/business/) in Debian's Chromium against the real server: a merchant signs up,
// adds a shop and an offer whose text is an HTML payload; a wrong password tried on the account is
// told at the owner's next sign-in, and a password change ends the other sign-ins; a union admin approves both; a member
// near the shop sees it in the PWA with the offer as text, and the payload never runs. Then the
// admin imports a CSV with a bad row (report, nothing written), fixes it, and imports it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from './app-server';
import { NANJING } from './fixtures';
import { harness, historyBack, type Harness } from './harness';

const PAYLOAD = `<img src=x onerror="window.__xss=1">`;
const TITLE = `会员九折 ${PAYLOAD}`;
const DESCRIPTION = `全场轮胎 ${PAYLOAD}<script>window.__xss=2</script>`;
const SHOP = `老王轮胎 <b onmouseover="window.__xss=3">e2e</b>`;
const SHOP_AT = { lat: '32.061500', lng: '118.798200' }; // ~150 m from the member (NANJING)
const ADMIN = { email: 'admin-e2e@example.org', password: 'admin-e2e-password-1' };
const MERCHANT = { email: `shop-${Date.now()}@example.org`, password: 'merchant-pass-123', name: '王老板' };

let h: Harness;
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];
const ids: { shop?: string; offer?: string } = {};

/** An admin account in the test server's database, made as a person would: with the CLI (idempotent). */
function ensureAdmin(dbPath: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/admin-create.ts'), '--email', ADMIN.email, '--name', 'E2E 管理员'], {
    cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath }, input: `${ADMIN.password}\n`, encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`admin:create failed (${r.status}): ${r.stderr}`);
}

async function phone(o: Parameters<Harness['phone']>[0] = {}): Promise<Page> {
  const { context, page } = await h.phone(o);
  contexts.push(context);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}
const ran = (page: Page) => page.evaluate(() => (window as { __xss?: unknown }).__xss);
const heading = (page: Page) => page.locator('main h1');

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/business/#/signin');
  await page.locator('#auth-email').fill(who.email);
  await page.locator('#auth-password').fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

beforeAll(async () => {
  h = await harness();
  ensureAdmin(h.dbPath);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

describe('a merchant publishes an offer through moderation', () => {
  let merchant: Page;

  it('signs up (a short password is refused in plain words first)', async () => {
    merchant = await phone();
    const errors: string[] = [];
    const asked: string[] = [];
    merchant.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    merchant.on('request', (r) => void (r.url().includes('/api/auth/me') && asked.push(r.url())));
    await merchant.goto('/business/');
    await expect.poll(() => heading(merchant).textContent()).toBe('登录');
    expect(asked).toEqual([]); // no session hint cookie: no GET /api/auth/me, so no 401 in the console
    expect(errors).toEqual([]);
    await merchant.getByRole('link', { name: '还没有账号？注册商户账号' }).click();
    await expect.poll(() => heading(merchant).textContent()).toBe('注册商户账号');
    await merchant.locator('#auth-name').fill(MERCHANT.name);
    await merchant.locator('#auth-email').fill(MERCHANT.email);
    await merchant.locator('#auth-password').fill('short');
    await merchant.getByRole('button', { name: '注册', exact: true }).click();
    expect(await merchant.locator('#auth-password-error').textContent()).toBe('密码至少需要 12 个字符。');
    expect(await merchant.locator('#auth-password').getAttribute('aria-invalid')).toBe('true');
    await merchant.locator('#auth-password').fill(MERCHANT.password);
    await merchant.getByRole('button', { name: '注册', exact: true }).click();
    await expect.poll(() => heading(merchant).textContent()).toBe('我的店铺');
    expect(merchant.url()).toContain('#/shops');
    const cookies = await merchant.context().cookies();
    expect(cookies.find((c) => c.name === 'yz_signed_in')).toMatchObject({ value: '1', httpOnly: false });
    await merchant.reload(); // the hint is there: the app asks who is signed in and stays signed in
    await expect.poll(() => heading(merchant).textContent()).toBe('我的店铺');
    expect(asked).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('adds a shop: category, typed position, weekly hours', async () => {
    await merchant.getByRole('link', { name: '添加店铺' }).click();
    await expect.poll(() => heading(merchant).textContent()).toBe('添加店铺');
    await merchant.getByRole('button', { name: '提交', exact: true }).click(); // empty: the problems are listed and focused
    await expect.poll(() => merchant.evaluate(() => document.activeElement?.className)).toBe('form-status');
    expect(await merchant.locator('.problems li').count()).toBeGreaterThanOrEqual(4);
    await merchant.locator('#shop-name').fill(SHOP);
    await merchant.locator('#shop-category').selectOption('tires');
    // no address search yet, but a town by name: the map goes there, a tap places the pin
    const town = merchant.getByRole('searchbox', { name: '找城市或区县' });
    await town.fill('火星城');
    await expect.poll(() => merchant.locator('.pin-map-field [role="status"]').textContent()).toBe('没有叫“火星城”的城市或区县。换个写法试试，例如“苏州”或“suzhou”。');
    await town.fill('kunshan');
    await merchant.getByRole('button', { name: /^昆山市/ }).click();
    const map = merchant.locator('.pin-map');
    await map.locator('.leaflet-tile-loaded').first().waitFor();
    await map.click(); // the middle of the map
    await expect.poll(() => merchant.locator('#shop-lat').inputValue()).not.toBe('');
    const [lat, lng] = [Number(await merchant.locator('#shop-lat').inputValue()), Number(await merchant.locator('#shop-lng').inputValue())];
    expect(Math.abs(lat - 31.39)).toBeLessThan(0.05); // 昆山 (120.98, 31.39)
    expect(Math.abs(lng - 120.98)).toBeLessThan(0.05);
    // the shop is elsewhere: typed coordinates move the pin
    await merchant.locator('#shop-lat').fill(SHOP_AT.lat);
    await merchant.locator('#shop-lng').fill(SHOP_AT.lng);
    await merchant.locator('#shop-address').fill('南京市鼓楼区测试路 8 号');
    await merchant.locator('#shop-phone').fill('025-88886666');
    await merchant.getByRole('radio', { name: '按星期设置' }).check();
    await merchant.locator('fieldset.day-row', { has: merchant.locator('legend', { hasText: '周日' }) }).getByRole('radio', { name: '休息' }).check();
    expect(await merchant.locator('.hours-preview').textContent()).toBe('OSM 格式：Mo-Sa 09:00-18:00');
    await merchant.locator('.leaflet-marker-icon').waitFor(); // the typed position shows as the pin
    await merchant.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => merchant.url()).toMatch(/#\/shops\/m_/);
    ids.shop = decodeURIComponent(merchant.url().split('#/shops/')[1]);
    await expect.poll(() => heading(merchant).textContent()).toBe(SHOP);
    expect(await merchant.locator('.page-head .badge-pending').textContent()).toBe('待审核');
  });

  it('adds an offer whose title and description are HTML: kept and shown as text', async () => {
    await merchant.getByRole('link', { name: '添加优惠' }).click();
    await expect.poll(() => heading(merchant).textContent()).toBe('添加优惠');
    await merchant.locator('#offer-title').fill(TITLE);
    await merchant.locator('#offer-description').fill(DESCRIPTION);
    await merchant.getByRole('radio', { name: '打折' }).check();
    // in 折, as merchants think: 9 折 is 10 % off
    expect(await merchant.getByLabel('折扣（折）').count()).toBe(1);
    await merchant.locator('#offer-value').fill('9');
    await merchant.locator('#offer-redeem').fill('出示工会会员卡');
    await merchant.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => heading(merchant).textContent()).toBe(SHOP);
    const card = merchant.locator('.offers-section li.card');
    await card.waitFor();
    ids.offer = (await card.getAttribute('data-id'))!;
    expect(await card.locator('.offer-title').textContent()).toBe(TITLE);
    expect(await card.locator('.offer-description').textContent()).toBe(DESCRIPTION);
    expect(await card.locator('.badge-pending').textContent()).toBe('待审核');
    expect(await merchant.locator('main img:not(.leaflet-tile), main script').count()).toBe(0);
    expect(await ran(merchant)).toBeUndefined();
  });

  it('signing up again with the same email, or in with a wrong password, says so in plain words', async () => {
    const other = await phone();
    await other.goto('/business/#/signup');
    await other.locator('#auth-name').fill('别人');
    await other.locator('#auth-email').fill(MERCHANT.email);
    await other.locator('#auth-password').fill('another-password-1');
    await other.getByRole('button', { name: '注册', exact: true }).click();
    await expect.poll(() => other.locator('.auth-form [role="alert"]').textContent()).toBe('这个邮箱已经注册过了，请直接登录。');
    await signIn(other, { email: MERCHANT.email, password: 'wrong-password-1' });
    await expect.poll(() => other.locator('.auth-form [role="alert"]').textContent()).toBe('邮箱或密码不正确。');
    expect(await heading(other).textContent()).toBe('登录');
  });

  it('the owner’s next sign-in tells of the wrong password, with the way to change the password', async () => {
    const owner = await phone();
    await signIn(owner, MERCHANT);
    await expect.poll(() => heading(owner).textContent()).toBe('我的店铺');
    const warning = owner.locator('.sign-in-warning');
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.locator('span').textContent()).toMatch(/^自上次登录以来，有 1 次密码错误的登录尝试（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）。如果不是你，请修改密码。$/);
    await warning.getByRole('link', { name: '修改密码' }).click();
    await expect.poll(() => heading(owner).textContent()).toBe('修改密码');
    await owner.locator('#pw-current').fill('not-my-password-1');
    await owner.locator('#pw-new').fill('a-brand-new-password-1');
    await owner.getByRole('button', { name: '修改密码', exact: true }).click();
    await expect.poll(() => owner.locator('.auth-form [role="alert"]').textContent()).toBe('当前密码不对。'); // nothing changed
    await historyBack(owner);
    await expect.poll(() => heading(owner).textContent()).toBe('我的店铺');
    await warning.getByRole('button', { name: '知道了' }).click();
    expect(await warning.count()).toBe(0);
    await owner.reload(); // dismissed: not shown again, and the sign-in cleared the count anyway
    await expect.poll(() => heading(owner).textContent()).toBe('我的店铺');
    expect(await warning.count()).toBe(0);
  });

  it('changing the password keeps this sign-in and ends the others', async () => {
    const who = { email: `pw-${Date.now()}@example.org`, password: 'first-password-123' };
    const [here, there] = [await phone(), await phone()];
    await here.goto('/business/#/signup');
    await here.locator('#auth-name').fill('换密码的人');
    await here.locator('#auth-email').fill(who.email);
    await here.locator('#auth-password').fill(who.password);
    await here.getByRole('button', { name: '注册', exact: true }).click();
    await expect.poll(() => heading(here).textContent()).toBe('我的店铺');
    await signIn(there, who);
    await expect.poll(() => heading(there).textContent()).toBe('我的店铺');
    await here.locator('.biz-nav').getByRole('link', { name: '修改密码' }).click();
    await expect.poll(() => heading(here).textContent()).toBe('修改密码');
    await here.locator('#pw-current').fill(who.password);
    await here.locator('#pw-new').fill('second-password-456');
    await here.getByRole('button', { name: '修改密码', exact: true }).click();
    await expect.poll(() => here.locator('.toast').textContent()).toBe('密码已修改，其他设备上的登录已退出。');
    expect(await heading(here).textContent()).toBe('我的店铺');
    await there.reload(); // the other sign-in has ended
    await expect.poll(() => heading(there).textContent()).toBe('登录');
    await signIn(there, { ...who, password: 'second-password-456' });
    await expect.poll(() => heading(there).textContent()).toBe('我的店铺');
  });

  it('an admin sees both in the review queue as text and approves them', async () => {
    const admin = await phone();
    await signIn(admin, ADMIN);
    await expect.poll(() => heading(admin).textContent()).toBe('待审核');
    const shopCard = admin.locator(`li.review-card[data-id="${ids.shop}"]`);
    const offerCard = admin.locator(`li.review-card[data-id="${ids.offer}"]`);
    await admin.locator('li.review-card').first().waitFor();
    // oldest first, 20 at a time: the demo data's pending items come before ours
    for (const [card, list] of [[shopCard, '#queue-shops'], [offerCard, '#queue-offers']] as const) {
      const more = admin.locator(`section[aria-labelledby="${list.slice(1)}"] button.more`);
      while ((await card.count()) === 0 && (await more.count()) > 0) await more.click();
    }
    await shopCard.waitFor();
    expect(await shopCard.locator('.card-title').textContent()).toBe(SHOP);
    expect(await offerCard.locator('.offer-title').textContent()).toBe(TITLE);
    expect(await offerCard.locator('.offer-description').textContent()).toBe(DESCRIPTION);
    expect(await offerCard.textContent()).toContain(MERCHANT.email);
    expect(await admin.locator('main img, main script, main b').count()).toBe(0);
    // rejecting needs a reason: without one nothing is sent
    await offerCard.getByRole('button', { name: /^驳回：/ }).click();
    await offerCard.getByRole('button', { name: '确认驳回' }).click();
    expect(await offerCard.locator('.field-error').textContent()).toBe('必填');
    await offerCard.getByRole('button', { name: '取消' }).click();
    await shopCard.getByRole('button', { name: /^通过/ }).click();
    await shopCard.waitFor({ state: 'detached' });
    await offerCard.getByRole('button', { name: /^通过/ }).click();
    await offerCard.waitFor({ state: 'detached' });
    expect(await ran(admin)).toBeUndefined();
    const m = await h.api<{ merchant: { offers: { id: string; title: string }[] } }>(`/api/merchants/${ids.shop}`);
    expect(m.merchant.offers.map((o) => o.title)).toEqual([TITLE]);
  });

  it('the merchant sees the shop and offer approved and public; pausing hides the offer, resuming shows it again', async () => {
    await merchant.reload();
    await expect.poll(() => merchant.locator('.page-head .badge-approved').textContent()).toBe('已通过');
    const card = merchant.locator(`.offers-section li.card[data-id="${ids.offer}"]`);
    expect(await card.locator('.badge-live').textContent()).toBe('会员可见');
    await card.getByRole('button', { name: '暂停' }).click();
    await expect.poll(() => card.locator('.badge-paused').textContent()).toBe('已暂停');
    expect((await h.api<{ merchant: { offers: unknown[] } }>(`/api/merchants/${ids.shop}`)).merchant.offers).toEqual([]);
    await card.getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => card.locator('.badge-approved').textContent()).toBe('已通过'); // unchanged since approval
    expect(await card.locator('.badge-live').textContent()).toBe('会员可见');
  });

  it('a member near the shop sees it in the PWA with the offer as text; nothing ran', async () => {
    const member = await phone({ geolocation: NANJING });
    await member.goto('/');
    await member.locator('button.chip-offer').click();
    const row = member.locator(`li.row[data-id="${ids.shop}"]`);
    await row.waitFor();
    expect(await row.locator('.row-name').textContent()).toBe(SHOP);
    // the offer's value leads the row (9 折 as the merchant entered it), its title as text after it
    expect(await row.locator('.row-offer').textContent()).toBe(`会员9折 · ${TITLE}`);
    await row.locator('.row-name').click();
    await expect.poll(() => member.locator('#detail-title').textContent()).toBe(SHOP);
    const offer = member.locator('.offers .offer');
    expect(await offer.locator('.offer-title').textContent()).toBe(TITLE);
    expect(await offer.textContent()).toContain(DESCRIPTION);
    expect(await member.locator('.sheet img, .sheet script, .sheet b, .leaflet-marker-pane img').count()).toBe(0);
    await member.waitForTimeout(300);
    expect(await ran(member)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

const CSV_HEAD = 'id,name,type,lat,lng,address,opening_hours,amenities';
const csv = (badLat: string) => [
  CSV_HEAD,
  'e2e-imp-1,浦口驿站 e2e,union_station,32.0590,118.6270,南京市浦口区,24/7,drinking_water;toilet',
  `e2e-imp-2,江宁户外劳动者服务站 e2e,outdoor_worker_station,${badLat},118.8400,南京市江宁区,Mo-Fr 08:00-18:00,microwave`,
  'e2e-imp-3,六合司机之家 e2e,driver_home,32.3400,118.8300,南京市六合区,24/7,truck_parking',
].join('\n');

describe('an admin imports a CSV from the browser', () => {
  let admin: Page;
  const exists = async (id: string) => (await fetch(`${h.baseUrl}/api/stations/${id}`)).status === 200;

  it('a file with one bad row: the report names the row and the field, and nothing is written', async () => {
    admin = await phone({ locale: 'en' });
    await signIn(admin, ADMIN);
    await admin.getByRole('button', { name: 'Switch to English' }).click();
    await admin.getByRole('link', { name: 'Import', exact: true }).click();
    await expect.poll(() => heading(admin).textContent()).toBe('Import');
    await admin.locator('#import-file').setInputFiles({ name: 'nanjing.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('not-a-number')) });
    await admin.getByRole('radio', { name: 'GCJ-02 (Amap, Tencent Maps)' }).check();
    await admin.getByRole('button', { name: 'Check the file' }).click();
    const bad = admin.locator('#import-errors tbody tr');
    await bad.first().waitFor();
    expect(await bad.first().getAttribute('data-row')).toBe('3');
    expect(await bad.first().getAttribute('data-field')).toBe('lat');
    expect(await admin.locator('#import-errors tbody th').first().textContent()).toBe('3');
    expect(await admin.getByRole('button', { name: /^Import \(/ }).count()).toBe(0); // no confirm for a bad file
    for (const id of ['e2e-imp-1', 'e2e-imp-2', 'e2e-imp-3']) expect(await exists(id)).toBe(false);
  });

  it('the fixed file: preview says what it adds, confirm imports all of it', async () => {
    await admin.locator('#import-file').setInputFiles({ name: 'nanjing.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('31.9500')) });
    expect(await admin.locator('.import-report').count()).toBe(0); // a new file needs a new check
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => admin.locator('.import-report .note-ok').textContent()).toBe('The file is fine and can be imported.');
    expect(await admin.locator('.import-report').textContent()).toContain('3 to add · 0 to update · 0 unchanged');
    for (const id of ['e2e-imp-1', 'e2e-imp-2', 'e2e-imp-3']) expect(await exists(id)).toBe(false); // the check wrote nothing
    await admin.getByRole('button', { name: 'Import (3 rows)' }).click();
    await expect.poll(() => admin.locator('main .note-ok[role="status"]').textContent()).toBe('Imported: 3 added, 0 updated, 0 unchanged.');
    for (const id of ['e2e-imp-1', 'e2e-imp-2', 'e2e-imp-3']) expect(await exists(id)).toBe(true);
    // GCJ-02 was converted: the stored WGS-84 position is a few hundred metres off the typed one
    const s = await h.api<{ station: { lng: number } }>('/api/stations/e2e-imp-1');
    expect(Math.abs(s.station.lng - 118.627)).toBeGreaterThan(0.003);
  });
});

describe('an admin keeps a station right', () => {
  let admin: Page;
  const station = async () => (await h.api<{ station: { status: string; amenities: string[]; name: string } }>('/api/stations/e2e-admin-1')).station;

  it('creates a station, closes it temporarily and reopens it', async () => {
    admin = await phone();
    await signIn(admin, ADMIN);
    await admin.getByRole('link', { name: '驿站', exact: true }).click();
    await admin.getByRole('link', { name: '新建驿站' }).click();
    await expect.poll(() => heading(admin).textContent()).toBe('新建驿站');
    await admin.locator('#station-id').fill('e2e-admin-1');
    await admin.locator('#station-name').fill('鼓楼 e2e 工会驿站');
    await admin.locator('#station-lat').fill('32.0700');
    await admin.locator('#station-lng').fill('118.7800');
    await admin.getByRole('checkbox', { name: '饮用水' }).check();
    await admin.getByRole('radio', { name: '24 小时营业，全年无休' }).check();
    await admin.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => heading(admin).textContent()).toBe('鼓楼 e2e 工会驿站');
    expect(await station()).toMatchObject({ status: 'open', amenities: ['drinking_water'] });
    await admin.getByRole('button', { name: '暂停服务' }).click();
    await expect.poll(() => admin.locator('.status-panel .station-status').textContent()).toBe('暂停服务');
    expect((await station()).status).toBe('temporarily_closed');
    await admin.getByRole('button', { name: '重新开放' }).click();
    await expect.poll(() => admin.locator('.status-panel .station-status').textContent()).toBe('正常开放');
  });

  it('applies a “closed” report to the station, and finds the closed station again by id', async () => {
    const r = await fetch(`${h.baseUrl}/api/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: crypto.randomUUID(), targetType: 'station', targetId: 'e2e-admin-1', kind: 'closed', note: '<i>门锁了</i>' }),
    });
    expect(r.status).toBe(201);
    await admin.getByRole('link', { name: '查看反馈' }).click();
    const card = admin.locator('li.report-card').first();
    await card.waitFor();
    expect(await card.locator('.report-note').textContent()).toBe('留言：<i>门锁了</i>');
    await card.getByRole('button', { name: '停用驿站并处理' }).click();
    await expect.poll(async () => (await station()).status).toBe('closed');
    await admin.goto('/business/#/admin/stations?q=e2e-admin-1');
    await expect.poll(() => admin.locator('li.card[data-id="e2e-admin-1"] .station-status').textContent()).toBe('已停用');
    await admin.goto('/business/#/admin/audit?type=station&id=e2e-admin-1');
    await expect.poll(() => admin.locator('.audit-list li').first().locator('.mono').first().textContent()).toBe('station.status.closed');
    expect(await ran(admin)).toBeUndefined();
  });
});
