// Membership in Debian's Chromium against its own server (with a signing key made by the same code
// as `npm run keys:create`): a worker applies at /card, an admin approves in /business/, the card's
// QR appears, survives a reload with the network cut, and — read back from a screenshot by the
// merchant's "pick a photo" — verifies on the merchant's /verify screen offline. Then a tampered
// code, an expired card and, after the verifier syncs, a revoked card are refused. Last, the shop
// records its offer used twice offline; both reach the server once, the second flagged; and the
// union's benefit (issued by the admin in /business/, shown with the card) is used once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createSigningKey, signingKey } from '../../api/membership/keys';
import { issueCardToken } from '../../data/membership/card-token';
import { ROOT, ensureBuilt, startAppServer, type AppServer } from './app-server';
import { cutNetwork, harness, type Harness } from './harness';

const ADMIN = { email: 'union-admin@example.org', password: 'union-admin-password-1' };
const WORKER = { email: 'rider@example.org', password: 'rider-password-2026', name: '王小明' };
const STEP = 90_000;

let h: Harness;
let server: AppServer;
let dir: string;
let keyPath: string;
const contexts: BrowserContext[] = [];
const got: { token: string; cardId: string; qr: Buffer } = { token: '', cardId: '', qr: Buffer.alloc(0) };

async function page(serviceWorkers: 'allow' | 'block' = 'allow'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({
    baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers,
  });
  contexts.push(context);
  return { context, page: await context.newPage() };
}
const controlled = (p: Page) => expect.poll(() => p.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
const verdict = (p: Page) => p.locator('.verdict').getAttribute('data-verdict');

beforeAll(async () => {
  h = await harness();
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'yizhan-member-e2e-'));
  keyPath = join(dir, 'keys.json');
  createSigningKey(keyPath, new Date());
  server = await startAppServer({ dir, demoStations: 50, env: { MEMBERSHIP_KEY_PATH: keyPath, MEMBERSHIP_ORG: '南京市总工会' } });
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/admin-create.ts'), '--email', ADMIN.email, '--name', '工会管理员'], {
    cwd: ROOT, env: { ...process.env, DATABASE_PATH: join(dir, 'yizhan.db') }, input: `${ADMIN.password}\n`, encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`admin:create failed (${r.status}): ${r.stderr}`);
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('member card: apply → approve → card offline → verify offline', () => {
  let worker: { context: BrowserContext; page: Page };
  let admin: Page;

  it('a worker signs up and applies at /card', async () => {
    worker = await page();
    const p = worker.page;
    await p.goto('/card');
    await p.getByRole('button', { name: '没有账号？注册' }).click();
    await p.getByLabel('邮箱').fill(WORKER.email);
    await p.getByLabel('密码（至少 12 位）').fill(WORKER.password);
    await p.getByLabel('姓名').fill(WORKER.name);
    await p.getByRole('button', { name: '注册新账号' }).click();
    await p.getByRole('heading', { name: '申请入会', exact: true }).waitFor();
    await p.getByLabel('姓名').fill(WORKER.name);
    await p.getByLabel('手机号').fill('13800138000');
    await p.getByLabel('职业').selectOption('courier');
    await p.getByLabel('省份').fill('江苏省');
    await p.getByRole('button', { name: '提交申请' }).click();
    await p.getByText(/申请已提交，等待审核/).waitFor();
  }, STEP);

  it('the union admin approves it in /business/', async () => {
    admin = (await page('block')).page;
    await admin.goto('/business/#/signin');
    await admin.locator('#auth-email').fill(ADMIN.email);
    await admin.locator('#auth-password').fill(ADMIN.password);
    await admin.getByRole('button', { name: '登录', exact: true }).click();
    await admin.getByRole('link', { name: '入会申请' }).click();
    const card = admin.locator('li.card', { hasText: WORKER.name });
    await card.getByText('13800138000').waitFor(); // the admin sees the phone; nobody else does
    await card.getByRole('button', { name: '通过', exact: true }).click();
    await card.waitFor({ state: 'detached' });
  }, STEP);

  it('the union admin issues a benefit to all members in /business/', async () => {
    await admin.getByLabel('福利名称').fill('夏送清凉');
    await admin.getByLabel('说明（可选）').fill('合作商户免费饮品一份');
    await admin.getByRole('button', { name: '发放', exact: true }).click();
    await admin.getByText('已发放：夏送清凉').waitFor();
    await admin.locator('li.card[data-benefit]', { hasText: '夏送清凉' }).getByText('全体会员').waitFor();
  }, STEP);

  it('/card shows the QR, and again with the network off', async () => {
    const p = worker.page;
    await p.reload();
    const qr = p.locator('canvas.member-card-qr');
    await qr.waitFor();
    await p.getByText('王*明').waitFor();
    await p.locator('.member-benefits', { hasText: '夏送清凉' }).waitFor(); // the union's benefit, with the card
    got.token = (await qr.getAttribute('data-token'))!;
    expect(got.token).toMatch(/^YZ1:[0-9A-Z $%*+\-./:]+$/);
    got.cardId = (await p.locator('.member-card-number').textContent())!.replace(/\s/g, '');
    await controlled(p);
    await cutNetwork(worker.context, worker.page);
    await p.reload();
    await p.getByText(/离线：显示的是本机保存的会员卡/).waitFor();
    await qr.waitFor();
    expect(await qr.getAttribute('data-token')).toBe(got.token);
    await p.locator('.member-benefits', { hasText: '夏送清凉' }).waitFor();
    got.qr = await qr.screenshot();
  }, STEP);

  let merchant: { context: BrowserContext; page: Page };
  const typeCode = async (code: string) => {
    const p = merchant.page;
    await p.getByLabel('或输入卡上的代码（YZ1: 开头）').fill(code);
    await p.getByRole('button', { name: '核验' }).click();
    await p.locator('.verdict').waitFor();
  };

  it('the merchant verifies the screenshot offline: valid', async () => {
    merchant = await page();
    const p = merchant.page;
    await p.goto('/verify');
    await p.getByText(/公钥和吊销名单更新于/).waitFor();
    await controlled(p);
    await cutNetwork(merchant.context, merchant.page);
    await p.reload();
    await p.getByText(/公钥和吊销名单更新于/).waitFor();
    await p.locator('input[type=file]').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: got.qr });
    await p.locator('.verdict').waitFor();
    expect(await verdict(p)).toBe('valid');
    await p.getByText('✓ 有效会员卡').waitFor();
    expect(await p.locator('.verdict .member-card-name').textContent()).toBe('王*明');
  }, STEP);

  it('a tampered code and an expired card are refused, offline', async () => {
    const i = Math.floor(got.token.length / 2);
    const tampered = got.token.slice(0, i) + (got.token[i] === 'A' ? 'B' : 'A') + got.token.slice(i + 1);
    await typeCode(tampered);
    expect(['bad_signature', 'malformed']).toContain(await verdict(merchant.page));
    const key = signingKey(keyPath);
    const now = Math.floor(Date.now() / 1000);
    const expired = await issueCardToken({ iss: 'yizhan', iat: now - 40 * 86_400, exp: now - 10 * 86_400, cid: got.cardId, name: '王*明', org: '南京市总工会' }, key.kid, key.sign);
    await typeCode(expired);
    expect(await verdict(merchant.page)).toBe('expired');
    await merchant.page.getByText('✗ 已过期').waitFor();
  }, STEP);

  it('revoked in /business/: refused once the verifier has synced', async () => {
    await admin.getByLabel('卡号（16 位）').fill(got.cardId);
    await admin.getByLabel('原因', { exact: true }).fill('手机丢失');
    await admin.getByRole('button', { name: '吊销' }).click();
    await admin.getByText(`已吊销卡 ${got.cardId}`).waitFor();
    await typeCode(got.token);
    expect(await verdict(merchant.page)).toBe('valid'); // offline, it cannot know yet
    await merchant.context.setOffline(false);
    await merchant.page.reload();
    await merchant.page.getByText(/公钥和吊销名单更新于/).waitFor();
    await expect.poll(() => merchant.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('yizhan'); r.onsuccess = () => res(r.result); r.onerror = rej; });
      const v = await new Promise<{ revoked: string[] } | undefined>((res) => { const g = db.transaction('membership').objectStore('membership').get('verifier'); g.onsuccess = () => res(g.result); });
      return v?.revoked ?? [];
    }), { timeout: 10_000 }).toContain(got.cardId);
    await cutNetwork(merchant.context, merchant.page);
    await typeCode(got.token);
    expect(await verdict(merchant.page)).toBe('revoked');
    await merchant.page.getByText('✗ 已吊销').waitFor();
  }, STEP);

  it('after a valid scan the shop records its offer offline; it reaches the server once, the second use flagged', async () => {
    // the member's new card (a revoked card is replaced on the next online visit)
    await worker.context.setOffline(false);
    await worker.page.reload();
    await expect.poll(async () => worker.page.locator('canvas.member-card-qr').getAttribute('data-token'), { timeout: 20_000 }).not.toBe(got.token);
    const token = (await worker.page.locator('canvas.member-card-qr').getAttribute('data-token'))!;
    // a merchant with an approved once-a-day offer, signed in on the verifying phone
    const shopCookie = await http('POST', '/api/auth/register', { email: 'shop@example.org', password: 'shop-password-2026', name: '王老板' });
    const shop = (await http('POST', '/api/my/merchants', { name: '老王轮胎', category: 'tires', lat: 32.06, lng: 118.79 }, shopCookie.cookie)).body.merchant;
    const offer = (await http('POST', `/api/my/merchants/${shop.id}/offers`, { title: '会员九折', kind: 'percent_off', value: 10, redeem_limit: 'day' }, shopCookie.cookie)).body.offer;
    const adminCookie = (await http('POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password })).cookie;
    for (const [kind, id] of [['merchants', shop.id], ['offers', offer.id]]) await http('POST', `/api/admin/${kind}/${id}/review`, { decision: 'approve' }, adminCookie);
    await merchant.context.addCookies([shopCookie.cookie, 'yz_signed_in=1'].map((c) => ({ name: c.split('=')[0], value: c.split('=')[1], url: server.url })));
    await merchant.context.setOffline(false);
    await merchant.page.reload();
    await merchant.page.getByText(/公钥和吊销名单更新于/).waitFor();
    await typeCode(token); // online once: the shop's offers are cached
    await merchant.page.getByRole('button', { name: /登记：会员九折/ }).waitFor();
    await cutNetwork(merchant.context, merchant.page);
    for (const n of [1, 2]) {
      await typeCode(token);
      await merchant.page.getByRole('button', { name: /登记：会员九折/ }).click();
      await merchant.page.getByText('已登记「会员九折」，联网后自动上传。').waitFor();
      if (n === 2) await merchant.page.getByText(/注意：该会员本周期已用过「会员九折」（本机记录）/).waitFor();
    }
    // the union's benefit through the same scan: once per member
    for (const n of [1, 2]) {
      await typeCode(token);
      await merchant.page.getByRole('button', { name: /登记：夏送清凉（工会福利）/ }).click();
      await merchant.page.getByText('已登记「夏送清凉」，联网后自动上传。').waitFor();
      if (n === 2) await merchant.page.getByText(/注意：该会员本周期已用过「夏送清凉」（本机记录）/).waitFor();
    }
    const workerCookie = (await worker.context.cookies()).filter((c) => c.name === 'yz_session').map((c) => `${c.name}=${c.value}`)[0];
    expect((await http('GET', '/api/membership/redemptions', undefined, workerCookie)).body.items).toEqual([]);
    await merchant.context.setOffline(false); // the page sends its queue when the network returns
    await expect.poll(async () => (await http('GET', '/api/membership/redemptions', undefined, workerCookie)).body.items.map((r: { flagged: boolean }) => r.flagged).sort(), { timeout: 20_000 }).toEqual([false, true]);
    const benefitUsed = async () => (await http('GET', '/api/membership/benefits', undefined, workerCookie)).body.items.find((b: { title: string }) => b.title === '夏送清凉')?.used;
    await expect.poll(benefitUsed, { timeout: 20_000 }).toBe(true);
    await merchant.page.reload(); // and sends nothing twice
    await merchant.page.getByText(/公钥和吊销名单更新于/).waitFor();
    expect((await http('GET', '/api/membership/redemptions', undefined, workerCookie)).body.items).toHaveLength(2);
  }, STEP);
});

/** A same-origin JSON request from the test itself; resolves to the body and the session cookie it set. */
async function http(method: string, path: string, body?: unknown, cookie?: string) {
  const res = await fetch(server.url + path, {
    method, headers: { Origin: server.url, ...(body ? { 'Content-Type': 'application/json' } : {}), ...(cookie ? { Cookie: cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const set = /yz_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { body: await res.json().catch(() => null), cookie: set };
}
