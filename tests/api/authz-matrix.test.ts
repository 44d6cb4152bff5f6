/**
 * The authorization matrix: every write route (and the private reads) × every kind of caller,
 * with the status each must get. Another merchant's items are 404 — indistinguishable from items
 * that do not exist — and nothing they try changes anything.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, offerBody, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';
import { station } from './helpers';

type Who = 'anonymous' | 'merchantA' | 'merchantB' | 'admin';
const WHO: Who[] = ['anonymous', 'merchantA', 'merchantB', 'admin'];

let env: AuthEnv;
const cookies: Partial<Record<Who, string>> = {};
const ids = { shop: '', offer: '', otherShop: '', report: '' };
let n = 0;
const csv = () => `name,type,lat,lng\n矩阵驿站${++n},union_station,32.${100 + n},118.7\n`;

interface Route {
  method: string;
  path: () => string;
  body?: () => unknown;
  raw?: () => { body: string; type: string };
  expect: Record<Who, number>;
}
const owner = (ok: number) => ({ anonymous: 401, merchantA: ok, merchantB: 404, admin: 404 });
const signedIn = (ok: number) => ({ anonymous: 401, merchantA: ok, merchantB: ok, admin: ok });
const adminOnly = (ok: number) => ({ anonymous: 401, merchantA: 403, merchantB: 403, admin: ok });
const anyone = (ok: number) => ({ anonymous: ok, merchantA: ok, merchantB: ok, admin: ok });
const report = () => ({ clientId: randomUUID(), targetType: 'station', targetId: 'st-1', kind: 'confirmed' });

const ROUTES: Route[] = [
  { method: 'POST', path: () => '/api/auth/logout', expect: { anonymous: 204, merchantA: 204, merchantB: 204, admin: 204 } },
  { method: 'GET', path: () => '/api/auth/me', expect: signedIn(200) },
  { method: 'GET', path: () => '/api/my/merchants', expect: signedIn(200) },
  { method: 'POST', path: () => '/api/my/merchants', body: () => shopBody(), expect: signedIn(201) },
  { method: 'PATCH', path: () => `/api/my/merchants/${ids.shop}`, body: () => ({ phone: `1380000${++n}` }), expect: owner(200) },
  { method: 'POST', path: () => `/api/my/merchants/${ids.shop}/offers`, body: () => offerBody(), expect: owner(201) },
  { method: 'PATCH', path: () => `/api/my/offers/${ids.offer}`, body: () => ({ status: 'paused' }), expect: owner(200) },
  { method: 'GET', path: () => '/api/admin/queue', expect: adminOnly(200) },
  { method: 'POST', path: () => `/api/admin/merchants/${ids.otherShop}/review`, body: () => ({ decision: 'approve' }), expect: adminOnly(200) },
  { method: 'POST', path: () => `/api/admin/offers/${ids.offer}/review`, body: () => ({ decision: 'reject', reason: '测试' }), expect: adminOnly(200) },
  { method: 'POST', path: () => '/api/admin/stations', body: () => ({ name: `新驿站${++n}`, type: 'union_station', lat: 32, lng: 118 }), expect: adminOnly(201) },
  { method: 'PATCH', path: () => '/api/admin/stations/st-1', body: () => ({ status: 'temporarily_closed' }), expect: adminOnly(200) },
  { method: 'POST', path: () => '/api/admin/import?dryRun=1', raw: () => ({ body: csv(), type: 'text/csv' }), expect: adminOnly(200) },
  { method: 'POST', path: () => '/api/admin/import', raw: () => ({ body: csv(), type: 'text/csv' }), expect: adminOnly(200) },
  { method: 'GET', path: () => '/api/admin/export?kind=stations&format=csv', expect: adminOnly(200) },
  { method: 'GET', path: () => '/api/admin/audit', expect: adminOnly(200) },
  { method: 'POST', path: () => '/api/reports', body: report, expect: anyone(201) },
  { method: 'GET', path: () => '/api/admin/reports', expect: adminOnly(200) },
  { method: 'GET', path: () => '/api/admin/reports/summary', expect: adminOnly(200) },
  { method: 'POST', path: () => `/api/admin/reports/${ids.report}/resolve`, body: () => ({ note: '矩阵' }), expect: adminOnly(200) },
];

/** Signs everyone in again (logout in the matrix ends sessions). */
async function signInAll() {
  for (const who of ['merchantA', 'merchantB'] as const) {
    const r = await send(env, 'POST', '/api/auth/login', { body: { email: `${who}@example.org`, password: 'correct horse battery' } });
    cookies[who] = r.res.headers.get('set-cookie')!.split(';')[0];
  }
  const r = await send(env, 'POST', '/api/auth/login', { body: { email: 'admin@example.org', password: 'correct horse battery' } });
  cookies.admin = r.res.headers.get('set-cookie')!.split(';')[0];
}

beforeAll(async () => {
  env = await authEnv([station({ id: 'st-1' })]);
  cookies.merchantA = (await signUp(env, 'merchantA@example.org')).cookie;
  cookies.merchantB = (await signUp(env, 'merchantB@example.org')).cookie;
  cookies.admin = (await signInAdmin(env)).cookie;
  ids.shop = (await send(env, 'POST', '/api/my/merchants', { cookie: cookies.merchantA, body: shopBody({ name: 'A的店' }) })).body.merchant.id;
  ids.offer = (await send(env, 'POST', `/api/my/merchants/${ids.shop}/offers`, { cookie: cookies.merchantA, body: offerBody() })).body.offer.id;
  ids.otherShop = (await send(env, 'POST', '/api/my/merchants', { cookie: cookies.merchantB, body: shopBody({ name: 'B的店' }) })).body.merchant.id;
  ids.report = (await send(env, 'POST', '/api/reports', { body: { ...report(), kind: 'other' } })).body.report.id;
});
afterAll(() => env.close());

describe('authorization matrix', () => {
  for (const route of ROUTES) {
    for (const who of WHO) {
      const expected = route.expect[who];
      it(`${route.method} ${route.path().replace(/\/(m|o|r)_[^/]+/, '/{id}')} as ${who} → ${expected}`, async () => {
        if (route.path().includes('//')) throw new Error('ids not set up');
        const raw = route.raw?.();
        const r = raw
          ? await env.app.request(route.path(), {
              method: route.method, body: raw.body,
              headers: { Origin: 'http://localhost', 'Content-Type': raw.type, ...(cookies[who] && who !== 'anonymous' ? { Cookie: cookies[who]! } : {}) },
            })
          : (await send(env, route.method, route.path(), { cookie: who === 'anonymous' ? undefined : cookies[who], body: route.body?.() })).res;
        expect(r.status).toBe(expected);
        if (r.status >= 400) expect(r.headers.get('content-type')).toContain('application/problem+json');
        if (route.path() === '/api/auth/logout') await signInAll();
      });
    }
  }
});

describe('another merchant’s items', () => {
  it('are invisible: B’s list lacks A’s shop, and B’s 404 reads exactly like a missing id', async () => {
    const list = await send(env, 'GET', '/api/my/merchants', { cookie: cookies.merchantB });
    expect(list.body.items.map((m: { id: string }) => m.id)).not.toContain(ids.shop);
    const theirs = await send(env, 'PATCH', `/api/my/merchants/${ids.shop}`, { cookie: cookies.merchantB, body: { name: 'HACKED' } });
    const missing = await send(env, 'PATCH', '/api/my/merchants/m_doesnotexist', { cookie: cookies.merchantB, body: { name: 'HACKED' } });
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail.replace(ids.shop, 'ID')).toBe(missing.body.detail.replace('m_doesnotexist', 'ID'));
  });

  it('stay unchanged after every attempt', async () => {
    await send(env, 'PATCH', `/api/my/merchants/${ids.shop}`, { cookie: cookies.merchantB, body: { name: 'HACKED' } });
    await send(env, 'PATCH', `/api/my/offers/${ids.offer}`, { cookie: cookies.merchantB, body: { title: 'HACKED' } });
    await send(env, 'POST', `/api/my/merchants/${ids.shop}/offers`, { cookie: cookies.merchantB, body: offerBody({ title: 'HACKED' }) });
    const shop = (await env.store.merchantRecord(ids.shop))!;
    expect(shop.name).toBe('A的店');
    expect(JSON.stringify(shop)).not.toContain('HACKED');
    expect(shop.owner_id).toBe((await env.store.userByEmail('merchanta@example.org'))!.id);
  });

  it('a merchant cannot set its own status or owner (400), nor review its own shop (403)', async () => {
    const status = await send(env, 'PATCH', `/api/my/merchants/${ids.shop}`, { cookie: cookies.merchantA, body: { status: 'approved' } });
    expect(status.status).toBe(400);
    const ownerChange = await send(env, 'PATCH', `/api/my/merchants/${ids.shop}`, { cookie: cookies.merchantA, body: { owner_id: 'x' } });
    expect(ownerChange.status).toBe(400);
    const self = await send(env, 'POST', `/api/admin/merchants/${ids.shop}/review`, { cookie: cookies.merchantA, body: { decision: 'approve' } });
    expect(self.status).toBe(403);
    expect((await env.store.merchantRecord(ids.shop))!.status).toBe('pending');
  });
});
