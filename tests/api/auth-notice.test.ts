/**
 * The owner's notice (issue 14): a successful sign-in says how many wrong passwords were tried on
 * the account since its last one. Two app instances share one store (SQLite file, or PostgreSQL in
 * the postgres project) and are asked over real HTTP, as two API processes would be: the count is
 * the store's, so failures through either are told through either.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { AUTH_LIMITS } from '../../api/routes/auth';
import type { Store } from '../../api/store/port';
import { NOW } from './helpers';
import { openTestStore, type TestStore } from './test-store';

const PASSWORD = 'correct horse battery';
const EMAIL = 'owner@example.org';

interface Instance {
  url: string;
  server: ServerType;
}

let dir: string;
let db: TestStore;
let other: Store;
let a: Instance;
let b: Instance;
let now = NOW;

/** One app over `store`, listening on a free port; both instances read the same movable clock. */
async function listen(store: Store): Promise<Instance> {
  const config = { ...loadConfig({}), ...db.where, webRoot: join(dir, 'no-web'), membershipKeyPath: join(dir, 'no-keys.json') };
  const listings = await createListings(store, { checkIntervalMs: 60_000 });
  const app = createApp({ store, config, listings, clock: () => now });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, server }));
  });
}

beforeEach(async () => {
  now = NOW;
  dir = mkdtempSync(join(tmpdir(), 'yizhan-notice-'));
  db = await openTestStore(dir);
  other = await db.another(); // the second instance's own connection, as another process has
  a = await listen(db.store);
  b = await listen(other);
});
afterEach(async () => {
  for (const { server } of [a, b]) await new Promise((done) => server.close(done));
  await other.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A same-origin JSON request to `to` from `ip` (believed: the test is a proxy on the same machine). */
async function send(to: Instance, method: string, path: string, opts: { body?: unknown; cookie?: string; ip?: string } = {}) {
  const headers: Record<string, string> = { Origin: to.url, 'X-Forwarded-For': opts.ip ?? '192.0.2.1' };
  if (opts.cookie) headers.Cookie = opts.cookie;
  if (opts.body) headers['Content-Type'] = 'application/json';
  const res = await fetch(to.url + path, { method, headers, body: opts.body ? JSON.stringify(opts.body) : undefined });
  const cookie = /yz_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  return { status: res.status, body: await res.json().catch(() => null), cookie };
}

const login = (to: Instance, password: string, ip?: string) => send(to, 'POST', '/api/auth/login', { body: { email: EMAIL, password }, ip });
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('the owner’s notice of wrong passwords', () => {
  it('counts failures through either instance and tells them at the next sign-in through either, once', async () => {
    const signedUp = await send(a, 'POST', '/api/auth/register', { body: { email: EMAIL, password: PASSWORD, name: '店主' } });
    expect(signedUp.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await login(a, `guess number ${i} on A`, '198.51.100.1')).status).toBe(401);
    now = at(5);
    for (let i = 0; i < 2; i++) expect((await login(b, `guess number ${i} on B`, '198.51.100.2')).status).toBe(401);
    expect((await send(a, 'POST', '/api/auth/login', { body: { email: 'nobody@example.org', password: 'a wrong guess' } })).status).toBe(401); // no account: counted nowhere

    // the signed-in owner sees them too, without clearing them
    const me = await send(a, 'GET', '/api/auth/me', { cookie: signedUp.cookie });
    expect(me.body).toEqual({ user: expect.objectContaining({ email: EMAIL }), failedSignIns: 5, lastFailedSignInAt: at(5).toISOString() });

    now = at(60);
    const owner = await login(b, PASSWORD, '192.0.2.10');
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ failedSignIns: 5, lastFailedSignInAt: at(5).toISOString() });
    const again = await login(a, PASSWORD, '192.0.2.10');
    expect(again.body).toEqual({ user: expect.objectContaining({ email: EMAIL }), failedSignIns: 0 });
    expect((await send(b, 'GET', '/api/auth/me', { cookie: again.cookie })).body.failedSignIns).toBe(0);
  });

  it('counts the wrong passwords checked, not the attempts refused by the limit, and covers more than the limit’s window', async () => {
    expect((await send(a, 'POST', '/api/auth/register', { body: { email: EMAIL, password: PASSWORD, name: '店主' } })).status).toBe(201);
    const { limit, windowMs } = AUTH_LIMITS.loginPerAccountAddress;
    for (let i = 0; i < limit; i++) expect((await login(i % 2 ? a : b, `bad guess ${i}!`, '203.0.113.7')).status).toBe(401);
    expect((await login(a, 'one guess too many', '203.0.113.7')).status).toBe(429); // never checked: not a wrong password
    now = new Date(NOW.getTime() + 3 * windowMs); // the limiter's events have expired; the count has not
    const owner = await login(a, PASSWORD, '192.0.2.10');
    expect(owner.body).toMatchObject({ failedSignIns: limit, lastFailedSignInAt: NOW.toISOString() });
  });
});
