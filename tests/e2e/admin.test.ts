// Issue 15, the admin: the review queue has a search and a filter (an item deep in the queue is one
// search away), and "view on map" opens Amap at the shop instead of openstreetmap.org.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from './app-server';
import { harness, type Harness } from './harness';

const ADMIN = { email: 'admin-e2e@example.org', password: 'admin-e2e-password-1' };
let h: Harness;
let context: BrowserContext;
let page: Page;

interface Queue {
  merchants: { id: string; name: string }[];
  offers: { id: string; title: string }[];
}

beforeAll(async () => {
  h = await harness();
  // the same admin as tests/e2e/business.test.ts, made with the CLI (idempotent)
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/admin-create.ts'), '--email', ADMIN.email, '--name', 'E2E 管理员'], {
    cwd: ROOT, env: { ...process.env, DATABASE_PATH: h.dbPath }, input: `${ADMIN.password}\n`, encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`admin:create failed (${r.status}): ${r.stderr}`);
  ({ context, page } = await h.phone());
});
afterAll(async () => {
  await context?.close();
});

describe('14. the review queue', () => {
  it('finds the newest offer by its title, and filters by kind', async () => {
    await page.goto('/business/#/signin');
    await page.locator('#auth-email').fill(ADMIN.email);
    await page.locator('#auth-password').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('li.review-card').first().waitFor();
    const q = await page.evaluate(async () => (await (await fetch('/api/admin/queue')).json()) as Queue);
    expect(q.offers.length).toBeGreaterThan(20); // more than one page: the newest is not on the first
    const newest = q.offers.at(-1)!;
    expect(await page.locator(`li.review-card[data-id="${newest.id}"]`).count()).toBe(0);

    await page.getByRole('searchbox', { name: '搜索待审核' }).fill(newest.title);
    const card = page.locator(`li.review-card[data-id="${newest.id}"]`);
    await card.waitFor();
    const shown = await page.locator('section[aria-labelledby="queue-offers"] li.review-card .offer-title').allTextContents();
    expect(shown.every((t) => t.includes(newest.title))).toBe(true);

    await page.getByRole('radio', { name: '商户' }).check();
    await expect.poll(() => card.count()).toBe(0);
    expect(await page.locator('#queue-offers').count()).toBe(0);
    await page.getByRole('searchbox', { name: '搜索待审核' }).fill('没有这样的店zzz');
    await expect.poll(() => page.locator('p.empty[role="status"]').textContent()).toBe('没有符合“没有这样的店zzz”的待审核项目。');
    await page.getByRole('searchbox', { name: '搜索待审核' }).fill('');
    await page.getByRole('radio', { name: '全部' }).check();
    await page.locator('#queue-offers').waitFor();
  });

  it('"view on map" opens Amap at the shop, not openstreetmap.org', async () => {
    const link = page.locator('section[aria-labelledby="queue-shops"] a', { hasText: '在地图上查看' }).first();
    await link.waitFor();
    const url = new URL((await link.getAttribute('href'))!);
    expect(url.host).toBe('uri.amap.com');
    expect(url.searchParams.get('position')).toMatch(/^\d+\.\d{6},\d+\.\d{6}$/);
  });
});
