/**
 * Fault test: another process holds SQLite's write lock (an import, a second server). Writes are
 * answered 503 problem+json with Retry-After — not 500, not after freezing the server — while reads
 * and signed-in reads keep being answered; once the lock is gone writes succeed again.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, send, shopBody, signUp, type AuthEnv } from './auth-helpers';
import { station } from './helpers';

let env: AuthEnv;
let cookie: string;
let shopId: string;
beforeAll(async () => {
  env = await authEnv([station({ id: 'nj-1', lat: 32.06, lng: 118.79 })]);
  cookie = (await signUp(env, 'busy@example.org')).cookie;
  const made = await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody() });
  expect(made.status).toBe(201);
  shopId = made.body.merchant.id;
});
afterAll(() => env.close());

/** Runs `fn` while a second connection holds the write lock (BEGIN IMMEDIATE + a write). */
async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
  const other = new Database(env.dbPath);
  await other.exec('BEGIN IMMEDIATE');
  (await other.prepare(`UPDATE meta SET value = value WHERE key = 'version'`)).run();
  try {
    return await fn();
  } finally {
    await other.exec('ROLLBACK');
    other.close();
  }
}

const expect503 = (r: { status: number; res: Response; body: { status?: number } }) => {
  expect(r.status).toBe(503);
  expect(r.res.headers.get('content-type')).toContain('application/problem+json');
  expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(r.body.status).toBe(503);
};

describe('a second writer holding the lock', () => {
  it('read-then-write and single-statement writes get 503 + Retry-After; reads are answered', async () => {
    await whileLocked(async () => {
      expect503(await send(env, 'PATCH', `/api/my/merchants/${shopId}`, { cookie, body: { name: '新名字的店' } }));
      expect503(await send(env, 'POST', `/api/my/merchants`, { cookie, body: shopBody({ name: '第二家店' }) }));
      const report = { clientId: randomUUID(), targetType: 'station', targetId: 'nj-1', kind: 'confirmed' };
      expect503(await send(env, 'POST', '/api/reports', { body: report, origin: false }));
      const reads = await Promise.all([
        env.app.request('/api/stations/nearest?lat=32.06&lng=118.79'),
        env.app.request('/api/sync?since=0'),
        env.app.request('/api/stations/nj-1'),
        send(env, 'GET', '/api/my/merchants', { cookie }).then((r) => r.res),
      ]);
      expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    });
  });

  it('writes succeed again once the lock is released', async () => {
    const r = await send(env, 'PATCH', `/api/my/merchants/${shopId}`, { cookie, body: { name: '新名字的店' } });
    expect(r.status).toBe(200);
  });
});
