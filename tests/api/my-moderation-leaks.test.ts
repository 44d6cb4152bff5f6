/**
 * Moderation must never leak: whatever is pending, rejected, paused, expired or not yet valid stays
 * out of every public route — nearest, bbox, by id, sync — and a shop that leaves "approved"
 * disappears at once (the listing is rebuilt by the write, not a second later) and syncs as deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMerchants } from '../../data/sync-codec';
import { authEnv, offerBody, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let a: string;
let admin: string;
const ids: Record<string, string> = {}; // shops
const offers: Record<string, string> = {};
const near = '/api/merchants/nearest?lat=32.06&lng=118.79&limit=100';
const bbox = '/api/merchants?bbox=118,31,119,33&zoom=18';

async function shop(name: string, extra: object = {}) {
  const r = await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody({ name, ...extra }) });
  return r.body.merchant.id as string;
}
async function offer(merchantId: string, title: string, extra: object = {}) {
  const r = await send(env, 'POST', `/api/my/merchants/${merchantId}/offers`, { cookie: a, body: offerBody({ title, ...extra }) });
  if (r.status !== 201) throw new Error(`offer ${title}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.offer.id as string;
}
const review = (kind: string, id: string, decision: string) =>
  send(env, 'POST', `/api/admin/${kind}/${id}/review`, { cookie: admin, body: { decision, reason: decision === 'reject' ? '不符合要求' : undefined } });

beforeAll(async () => {
  env = await authEnv();
  a = (await signUp(env, 'a@example.org')).cookie;
  admin = (await signInAdmin(env)).cookie;
  ids.live = await shop('PUBLIC-shop');
  ids.pending = await shop('LEAK-pending-shop', { lat: 32.0601 });
  ids.rejected = await shop('LEAK-rejected-shop', { lat: 32.0602 });
  await review('merchants', ids.live, 'approve');
  await review('merchants', ids.rejected, 'reject');
  offers.current = await offer(ids.live, 'PUBLIC-current', { valid_from: '2026-11-01', valid_to: '2026-12-31' });
  for (const t of ['pending', 'rejected', 'paused', 'expired', 'future']) {
    const extra = t === 'expired' ? { valid_to: '2026-11-22' } : t === 'future' ? { valid_from: '2026-11-24' } : {};
    offers[t] = await offer(ids.live, `LEAK-${t}-offer`, extra);
  }
  await offer(ids.pending, 'LEAK-offer-of-pending-shop');
  for (const t of ['current', 'paused', 'expired', 'future']) await review('offers', offers[t], 'approve');
  await review('offers', offers.rejected, 'reject');
  await send(env, 'PATCH', `/api/my/offers/${offers.paused}`, { cookie: a, body: { status: 'paused' } });
});
afterAll(() => env.close());

const text = (body: unknown) => JSON.stringify(body);

describe('moderation never leaks through public routes', () => {
  it('nearest: only the approved shop, only its current approved offer, no moderation fields', async () => {
    const r = await send(env, 'GET', near);
    expect(r.body.items.map((m: { id: string }) => m.id)).toEqual([ids.live]);
    expect(r.body.items[0].offers.map((o: { title: string }) => o.title)).toEqual(['PUBLIC-current']);
    expect(text(r.body)).not.toMatch(/LEAK|owner_id|"reason"/);
  });

  it('bbox: only the approved shop', async () => {
    const r = await send(env, 'GET', bbox);
    expect(r.body.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual([ids.live]);
    expect(text(r.body)).not.toContain('LEAK');
  });

  it('by id: the approved shop with its current offer; every other shop is 404', async () => {
    const r = await send(env, 'GET', `/api/merchants/${ids.live}`);
    expect(r.body.merchant.offers.map((o: { id: string }) => o.id)).toEqual([offers.current]);
    expect(text(r.body)).not.toContain('LEAK');
    for (const id of [ids.pending, ids.rejected]) expect((await send(env, 'GET', `/api/merchants/${id}`)).status).toBe(404);
  });

  it('sync: only the approved shop, none of the pending, rejected or paused offers', async () => {
    const r = await send(env, 'GET', '/api/sync');
    const merchants = decodeMerchants(r.body.merchants);
    expect(merchants.map((m) => m.id)).toEqual([ids.live]);
    const titles = merchants[0].offers.map((o) => o.title);
    expect(titles).toContain('PUBLIC-current');
    for (const t of ['pending', 'rejected', 'paused']) expect(titles).not.toContain(`LEAK-${t}-offer`);
    expect(text(r.body)).not.toMatch(/LEAK-(pending|rejected|paused)|LEAK-offer-of|owner_id|不符合要求/);
    // not-yet-valid approved offers travel with their dates (the offline copy filters by day)
    for (const o of merchants[0].offers) expect(o.status).toBe('approved');
  });


  it('a material edit hides the shop at once and syncs it as deleted; approval brings it back', async () => {
    const v0 = (await send(env, 'GET', '/api/sync')).body.version;
    await send(env, 'PATCH', `/api/my/merchants/${ids.live}`, { cookie: a, body: { name: 'LEAK-renamed-shop' } });
    expect((await send(env, 'GET', near)).body.items).toEqual([]);
    expect((await send(env, 'GET', bbox)).body.features).toEqual([]);
    expect((await send(env, 'GET', `/api/merchants/${ids.live}`)).status).toBe(404);
    const delta = (await send(env, 'GET', `/api/sync?since=${v0}`)).body;
    expect(delta.deletedMerchants).toEqual([ids.live]);
    expect(delta.merchants.n).toBe(0);
    await review('merchants', ids.live, 'approve');
    const back = await send(env, 'GET', near);
    expect(back.body.items.map((m: { name: string }) => m.name)).toEqual(['LEAK-renamed-shop']);
  });

  it('pausing an approved offer removes it from nearest and by id at once', async () => {
    await send(env, 'PATCH', `/api/my/offers/${offers.current}`, { cookie: a, body: { status: 'paused' } });
    const r = await send(env, 'GET', `/api/merchants/${ids.live}`);
    expect(r.body.merchant.offers).toEqual([]);
    const sync = decodeMerchants((await send(env, 'GET', '/api/sync')).body.merchants);
    expect(sync[0].offers.map((o) => o.id)).not.toContain(offers.current);
  });

  it('rejecting an approved shop takes it down; reverting to the old text does not bring it back', async () => {
    await review('merchants', ids.live, 'reject');
    expect((await send(env, 'GET', near)).body.items).toEqual([]);
    const r = await send(env, 'PATCH', `/api/my/merchants/${ids.live}`, { cookie: a, body: { name: 'PUBLIC-shop' } });
    expect(r.body.merchant.status).toBe('pending');
    expect((await send(env, 'GET', near)).body.items).toEqual([]);
  });
});
