// Stations as service hubs, in Debian's Chromium against the real server: a union admin makes an
// account the operator of one station; the operator, in /business/, posts a Saturday job fair
// (with HTML in it), marks the microwave out of order and confirms "checked today"; a rider near
// the station sees 招聘 on the row, the job fair (as text), the microwave unavailable and "checked
// today" — online and after going offline; once the fair has ended it is gone. (That notices
// expire offline by the phone's clock is checked in tests/unit/web-offline-equality.test.ts.)
// The operator cannot touch another station.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from './app-server';
import { cutNetwork, harness, type Harness } from './harness';

const ADMIN = { email: 'admin-e2e@example.org', password: 'admin-e2e-password-1' };
const OPERATOR = { email: `post-office-${Date.now()}@example.org`, password: 'operator-pass-123', name: '邮政网点' };
const AT = { latitude: 36.52, longitude: 95.01 }; // far from the demo cities: the station is the nearest
const STATION = { id: `e2e-ops-${Date.now()}`, name: '格尔木测试工会驿站', lat: 36.5208, lng: 95.0108 };
const PAYLOAD = '<img src=x onerror="window.__xss=1">';
const FAIR = { title: `周六招聘会 ${PAYLOAD}`, body: `快递、外卖岗位 <script>window.__xss=2</script>` };

let h: Harness;
/** Polls wait this long: the machine is shared and slow at times. */
const WAIT = { timeout: 20_000 };
const contexts: BrowserContext[] = [];

/**
 * The coming Saturday (at least a day ahead) as a Shanghai date YYYY-MM-DD, and how a notice on it
 * reads: tomorrow on a Friday, its date on a Saturday (a week ahead), next week's on a Sunday (weeks
 * begin on Monday), else this week's Saturday.
 */
function comingSaturday(): { day: string; words: string } {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  const ahead = ((6 - shanghai.getUTCDay() + 7) % 7) || 7, day = new Date(shanghai.getTime() + ahead * 86_400_000);
  const words = ahead === 1 ? '明天' : ahead === 7 ? `${day.getUTCMonth() + 1}月${day.getUTCDate()}日` : ahead === 6 ? '下周六' : '本周六';
  return { day: day.toISOString().slice(0, 10), words };
}
const SATURDAY = comingSaturday();

function ensureAdmin(dbPath: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/admin-create.ts'), '--email', ADMIN.email, '--name', 'E2E 管理员'], {
    cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath }, input: `${ADMIN.password}\n`, encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`admin:create failed (${r.status}): ${r.stderr}`);
}

/** A same-origin JSON call from inside a page (its session cookie, its Origin). */
const call = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(async ([m, p, b]) => {
    const res = await fetch(p as string, { method: m as string, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, body: await res.text() };
  }, [method, path, body] as const);

async function newPage(o: Parameters<Harness['phone']>[0] = {}) {
  const { context, page } = await h.phone(o);
  contexts.push(context);
  return { context, page };
}
const heading = (page: Page) => page.locator('main h1');

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/business/#/signin');
  await page.locator('#auth-email').fill(who.email);
  await page.locator('#auth-password').fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect.poll(() => heading(page).textContent(), WAIT).not.toBe('登录');
}

beforeAll(async () => {
  h = await harness();
  ensureAdmin(h.dbPath);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

describe('an operator runs a station; a rider sees it online and offline', { timeout: 90_000 }, () => {
  let admin: Page;
  let operator: Page;

  it('the operator signs up; the admin creates the station and grants it in the admin screen', async () => {
    ({ page: operator } = await newPage());
    await operator.goto('/business/#/signup');
    await operator.locator('#auth-name').fill(OPERATOR.name);
    await operator.locator('#auth-email').fill(OPERATOR.email);
    await operator.locator('#auth-password').fill(OPERATOR.password);
    await operator.getByRole('button', { name: '注册', exact: true }).click();
    await expect.poll(() => heading(operator).textContent(), WAIT).toBe('我的店铺');

    ({ page: admin } = await newPage());
    await signIn(admin, ADMIN);
    const created = await call(admin, 'POST', '/api/admin/stations', {
      id: STATION.id, name: STATION.name, type: 'union_station', lat: STATION.lat, lng: STATION.lng,
      amenities: ['drinking_water', 'microwave'], opening_hours: '24/7',
    });
    expect(created.status).toBe(201);
    await admin.goto('/business/#/admin/operators');
    await expect.poll(() => heading(admin).textContent(), WAIT).toBe('驿站运营人员');
    await admin.locator('#op-email').fill(OPERATOR.email);
    await admin.locator('#op-stations').fill(STATION.id);
    await admin.getByRole('button', { name: '授权', exact: true }).click();
    await admin.getByRole('button', { name: `撤销 ${STATION.id}` }).waitFor();
  });

  it('the operator posts a Saturday job fair, marks the microwave out of order and confirms', async () => {
    await operator.goto('/business/#/stations');
    await operator.getByRole('link', { name: STATION.name }).click();
    await expect.poll(() => heading(operator).textContent(), WAIT).toBe(STATION.name);
    await operator.getByRole('button', { name: '发布通知' }).click();
    await operator.locator('#n-title').fill(FAIR.title);
    await operator.locator('#n-body').fill(FAIR.body);
    await operator.locator('#n-starts').fill(`${SATURDAY.day}T09:00`);
    await operator.locator('#n-ends').fill(`${SATURDAY.day}T12:00`);
    await operator.locator('form').getByRole('button', { name: '发布通知' }).click();
    await operator.locator('.card-title', { hasText: '周六招聘会' }).waitFor();

    await operator.getByLabel('微波炉暂不可用').check();
    await operator.locator('section[aria-labelledby="op-amenities"]').getByRole('button', { name: '保存' }).click();
    await operator.getByRole('button', { name: '今天已核实' }).click();
    await expect.poll(() => operator.locator('section[aria-labelledby="op-status"]').textContent(), WAIT).toContain('（驿站）');
    const station = await h.api<{ station: { amenities_unavailable?: string[]; verified_by?: string; notices: { title: string }[] } }>(`/api/stations/${STATION.id}`);
    expect(station.station).toMatchObject({ amenities_unavailable: ['microwave'], verified_by: 'operator', notices: [{ title: FAIR.title }] });
  });

  it('the operator cannot touch another station (404 as for a missing one)', async () => {
    const other = await h.api<{ items: { id: string }[] }>('/api/stations/nearest?lat=32.0603&lng=118.7969&limit=1');
    expect((await call(operator, 'POST', `/api/admin/stations/${other.items[0].id}/notices`, { kind: 'job', title: 'x' })).status).toBe(404);
    expect((await call(operator, 'PATCH', `/api/my/stations/${other.items[0].id}`, { status: 'temporarily_closed' })).status).toBe(404);
    await operator.goto(`/business/#/stations/${other.items[0].id}`);
    await expect.poll(() => heading(operator).textContent(), WAIT).toBe('没有这个页面');
  });

  describe('the rider', () => {
    let context: BrowserContext;
    let page: Page;
    const row = () => page.locator('li.row', { hasText: STATION.name });
    const expectStation = async () => {
      const row = page.locator('li.row', { hasText: STATION.name });
      await expect.poll(() => row.locator('.badge-notice').textContent(), { timeout: 15_000 }).toBe('招聘');
      await row.locator('.row-name').click();
      await expect.poll(() => page.locator('#detail-title').textContent(), WAIT).toBe(STATION.name);
      await expect.poll(() => page.locator('.notice-title').textContent(), WAIT).toBe(FAIR.title);
      expect(await page.locator('.notice-body').textContent()).toBe(FAIR.body);
      expect(await page.locator('.notice-when').textContent()).toBe(`${SATURDAY.words} 09:00–12:00`);
      expect(await page.locator('.amenities-full li.is-unavailable').textContent()).toBe('微波炉（暂不可用）');
      expect(await page.locator('.freshness').textContent()).toContain('今天由驿站核实');
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
      await page.getByRole('button', { name: '返回列表' }).click();
    };

    it('online: sees 招聘 on the row, the fair as text, the microwave unavailable, "checked today"', async () => {
      ({ context, page } = await newPage({ geolocation: AT, serviceWorkers: 'allow' }));
      await page.goto('/');
      await expectStation();
    }, 90_000);

    it('offline after that visit: the same', async () => {
      // once the offline copy is stored (a first visit's comes when the page is quiet): the pill then says how old it is
      await expect.poll(() => page.locator('.as-of').textContent(), { timeout: 40_000 }).toMatch(/^数据更新于 \d\d:\d\d（.+）$/);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
      // the rider comes back later: the browser has stopped the idle worker, as Chromium does after
      // 30 s (the network must still be cut for it: cutNetwork)
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await cutNetwork(context, page);
      await page.reload();
      await expect.poll(() => page.locator('.net-status').textContent(), { timeout: 15_000 }).toContain('离线');
      await expectStation();
    }, 90_000);

    it('once the fair has ended it is gone (its times moved to yesterday: the server clock is real)', async () => {
      const notices = JSON.parse((await call(operator, 'GET', `/api/admin/stations/${STATION.id}/notices`)).body).notices as { id: string }[];
      const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
      const moved = await call(operator, 'PATCH', `/api/admin/stations/${STATION.id}/notices/${notices[0].id}`, { starts: `${yesterday}T09:00`, ends: `${yesterday}T12:00` });
      expect(moved.status).toBe(200);
      // a phone without an offline copy asks the server each time
      ({ page } = await newPage({ geolocation: AT, offlineCopy: false }));
      await page.goto('/');
      await row().waitFor({ timeout: 15_000 });
      await expect.poll(() => row().locator('.badge-notice').count(), { timeout: 15_000 }).toBe(0);
      await page.goto(`/?station=${STATION.id}`);
      await expect.poll(() => page.locator('#detail-title').textContent(), { timeout: 15_000 }).toBe(STATION.name);
      await page.locator('.amenities-full li.is-unavailable').waitFor();
      expect(await page.locator('.notice').count()).toBe(0);
    }, 90_000);
  });
});
