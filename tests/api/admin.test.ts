import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, offerBody, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';
import { station } from './helpers';

let env: AuthEnv;
let a: string;
let admin: string;
let adminId: string;
beforeAll(async () => {
  env = await authEnv([station({ id: 'nj-1', name: '鼓楼驿站', lat: 32.06, lng: 118.79, opening_hours: '24/7' })]);
  a = (await signUp(env, 'a@example.org', '老王')).cookie;
  const signedIn = await signInAdmin(env);
  admin = signedIn.cookie;
  adminId = signedIn.user.id;
});
afterAll(() => env.close());

const audit = async (query = '') => (await send(env, 'GET', `/api/admin/audit${query}`, { cookie: admin })).body;

describe('review queue and decisions', () => {
  let shopId: string;
  let offerId: string;
  it('the queue lists pending shops (with owner) and pending offers (with their shop)', async () => {
    shopId = (await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody() })).body.merchant.id;
    offerId = (await send(env, 'POST', `/api/my/merchants/${shopId}/offers`, { cookie: a, body: offerBody() })).body.offer.id;
    const q = await send(env, 'GET', '/api/admin/queue', { cookie: admin });
    expect(q.status).toBe(200);
    expect(q.body.merchants).toHaveLength(1);
    expect(q.body.merchants[0]).toMatchObject({ id: shopId, status: 'pending', owner: { email: 'a@example.org', name: '老王' } });
    expect(q.body.offers[0]).toMatchObject({ id: offerId, status: 'pending', merchant: { id: shopId, status: 'pending' } });
  });

  it('reject needs a reason (400); approve publishes and leaves the queue', async () => {
    const noReason = await send(env, 'POST', `/api/admin/merchants/${shopId}/review`, { cookie: admin, body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.invalid_params[0].name).toBe('reason');
    const bad = await send(env, 'POST', `/api/admin/merchants/${shopId}/review`, { cookie: admin, body: { decision: 'maybe' } });
    expect(bad.status).toBe(400);
    const ok = await send(env, 'POST', `/api/admin/merchants/${shopId}/review`, { cookie: admin, body: { decision: 'approve' } });
    expect(ok.body.merchant).toMatchObject({ status: 'approved', live: true });
    await send(env, 'POST', `/api/admin/offers/${offerId}/review`, { cookie: admin, body: { decision: 'approve' } });
    const q = await send(env, 'GET', '/api/admin/queue', { cookie: admin });
    expect(q.body).toMatchObject({ merchants: [], offers: [] });
    const near = await send(env, 'GET', '/api/merchants/nearest?lat=32.06&lng=118.79');
    expect(near.body.items[0].offers[0].id).toBe(offerId);
  });

  it('a paused offer cannot be approved over the merchant’s head (409)', async () => {
    await send(env, 'PATCH', `/api/my/offers/${offerId}`, { cookie: a, body: { status: 'paused' } });
    const r = await send(env, 'POST', `/api/admin/offers/${offerId}/review`, { cookie: admin, body: { decision: 'approve' } });
    expect(r.status).toBe(409);
  });

  it('unknown ids are 404', async () => {
    for (const kind of ['merchants', 'offers']) {
      const r = await send(env, 'POST', `/api/admin/${kind}/nope/review`, { cookie: admin, body: { decision: 'approve' } });
      expect(r.status).toBe(404);
    }
  });

  it('every decision is in the audit log: who, what, when, before and after', async () => {
    const log = await audit(`?targetType=merchant&targetId=${shopId}`);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      actor_id: adminId, actor_email: 'admin@example.org', action: 'merchant.approve', target_type: 'merchant', target_id: shopId, at: env.now().toISOString(),
      before: { status: 'pending' }, after: { status: 'approved' },
    });
    const offers = await audit(`?targetType=offer&targetId=${offerId}`);
    expect(offers.items.map((e: { action: string }) => e.action)).toEqual(['offer.approve']);
  });
});

describe('stations', () => {
  it('create: 201 with a new id; a taken id is 409; bad fields 400', async () => {
    const r = await send(env, 'POST', '/api/admin/stations', { cookie: admin, body: { name: '新街口驿站', type: 'union_station', lat: 32.04, lng: 118.78, amenities: ['microwave'], opening_hours: 'Mo-Fr 08:00-18:00' } });
    expect(r.status).toBe(201);
    expect(r.body.station).toMatchObject({ name: '新街口驿站', status: 'open', amenities: ['microwave'] });
    expect((await send(env, 'GET', `/api/stations/${r.body.station.id}`)).status).toBe(200);
    const near = await send(env, 'GET', '/api/stations/nearest?lat=32.04&lng=118.78&limit=1');
    expect(near.body.items[0].id).toBe(r.body.station.id); // in the index at once
    const taken = await send(env, 'POST', '/api/admin/stations', { cookie: admin, body: { id: 'nj-1', name: 'x', type: 'other', lat: 1, lng: 1 } });
    expect(taken.status).toBe(409);
    const bad = await send(env, 'POST', '/api/admin/stations', { cookie: admin, body: { name: '', type: 'castle', lat: 95, lng: 0, opening_hours: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['name', 'type', 'lat', 'opening_hours']));
  });

  it('edit, temporarily close, close and reopen — visible at once, audited by status', async () => {
    const patch = (body: object) => send(env, 'PATCH', '/api/admin/stations/nj-1', { cookie: admin, body });
    expect((await patch({ phone: '025-1', amenities: ['toilet', 'drinking_water'] })).body.station).toMatchObject({ phone: '025-1', amenities: ['drinking_water', 'toilet'] });
    expect((await patch({ status: 'temporarily_closed' })).body.station.status).toBe('temporarily_closed');
    const temp = await send(env, 'GET', '/api/stations/nearest?lat=32.06&lng=118.79&limit=5');
    expect(temp.body.items.find((s: { id: string }) => s.id === 'nj-1')).toMatchObject({ openNow: false });
    await patch({ status: 'closed' });
    const closed = await send(env, 'GET', '/api/stations/nearest?lat=32.06&lng=118.79&limit=5');
    expect(closed.body.items.map((s: { id: string }) => s.id)).not.toContain('nj-1');
    await patch({ status: 'open', phone: null });
    const open = await send(env, 'GET', '/api/stations/nearest?lat=32.06&lng=118.79&limit=5');
    expect(open.body.items.find((s: { id: string }) => s.id === 'nj-1')).toMatchObject({ openNow: true });
    expect((await send(env, 'GET', '/api/stations/nj-1')).body.station.phone).toBeUndefined();
    const log = await audit('?targetType=station&targetId=nj-1');
    expect(log.items.map((e: { action: string }) => e.action)).toEqual([
      'station.status.open', 'station.status.closed', 'station.status.temporarily_closed', 'station.update',
    ]);
    expect(log.items[3].before.amenities).toEqual(['drinking_water']);
  });

  it('station writes bump the sync version and show up in a delta', async () => {
    const v0 = (await send(env, 'GET', '/api/sync')).body.version;
    await send(env, 'PATCH', '/api/admin/stations/nj-1', { cookie: admin, body: { name: '鼓楼驿站（新）' } });
    const delta = (await send(env, 'GET', `/api/sync?since=${v0}`)).body;
    expect(delta.version).toBe(v0 + 1);
    expect(delta.stations.n).toBe(1);
  });

  it('404 for an unknown station; 400 for unknown fields', async () => {
    expect((await send(env, 'PATCH', '/api/admin/stations/nope', { cookie: admin, body: { name: 'x' } })).status).toBe(404);
    expect((await send(env, 'PATCH', '/api/admin/stations/nj-1', { cookie: admin, body: { updated_at: 'x' } })).status).toBe(400);
  });
});

describe('audit log paging', () => {
  it('newest first, with a cursor', async () => {
    const first = await audit('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    const next = await audit(`?limit=2&before=${first.next}`);
    expect(next.items[0].id).toBeLessThan(first.items[1].id);
    expect((await send(env, 'GET', '/api/admin/audit?limit=0', { cookie: admin })).status).toBe(400);
  });
});
