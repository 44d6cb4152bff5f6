import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_LIMITS } from '../../api/routes/my';
import { authEnv, offerBody, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let a: string; // merchant A's cookie
let admin: string;
beforeAll(async () => {
  env = await authEnv();
  a = (await signUp(env, 'a@example.org')).cookie;
  admin = (await signInAdmin(env)).cookie;
});
afterAll(() => env.close());

const approve = (kind: 'merchants' | 'offers', id: string) =>
  send(env, 'POST', `/api/admin/${kind}/${id}/review`, { cookie: admin, body: { decision: 'approve' } });
const reject = (kind: 'merchants' | 'offers', id: string, reason = '信息不实') =>
  send(env, 'POST', `/api/admin/${kind}/${id}/review`, { cookie: admin, body: { decision: 'reject', reason } });
const patchShop = (id: string, body: object) => send(env, 'PATCH', `/api/my/merchants/${id}`, { cookie: a, body });
const patchOffer = (id: string, body: object) => send(env, 'PATCH', `/api/my/offers/${id}`, { cookie: a, body });

async function approvedShopWithOffer() {
  const shop = (await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody() })).body.merchant;
  const offer = (await send(env, 'POST', `/api/my/merchants/${shop.id}/offers`, { cookie: a, body: offerBody() })).body.offer;
  await approve('merchants', shop.id);
  await approve('offers', offer.id);
  return { shop, offer };
}

describe('/api/my: a merchant’s own shops and offers', () => {
  it('a new shop is pending and owned; the list shows status, offers and live flags', async () => {
    const r = await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody({ opening_hours: 'Mo-Sa 08:00-20:00' }) });
    expect(r.status).toBe(201);
    expect(r.body.merchant).toMatchObject({ name: '老王轮胎', status: 'pending', live: false, offers: [] });
    expect(r.body.merchant.owner_id).toBeUndefined();
    expect(r.body.merchant.id).toMatch(/^m_[A-Za-z0-9_-]{12}$/);
    const list = await send(env, 'GET', '/api/my/merchants', { cookie: a });
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(r.body.merchant.id);
  });

  it('validates bodies: unknown fields, bad hours, bad category → 400 naming them', async () => {
    const bad = await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody({ status: 'approved', category: 'spaceships', opening_hours: 'whenever' }) });
    expect(bad.status).toBe(400);
    const names = bad.body.invalid_params.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['category', 'opening_hours']));
    expect(bad.body.detail).toContain('status');
  });

  it('offers: the value must fit the kind; the window must be ordered', async () => {
    const shop = (await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody() })).body.merchant;
    const url = `/api/my/merchants/${shop.id}/offers`;
    for (const body of [offerBody({ value: 0 }), offerBody({ value: 150 }), offerBody({ kind: 'member_price', value: undefined }), offerBody({ kind: 'free_item', value: 5 }), offerBody({ valid_from: '2026-12-31', valid_to: '2026-12-01' })]) {
      const r = await send(env, 'POST', url, { cookie: a, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const ok = await send(env, 'POST', url, { cookie: a, body: offerBody({ kind: 'free_item', value: undefined, title: '送洗车一次', redeem: '出示会员卡' }) });
    expect(ok.status).toBe(201);
    expect(ok.body.offer).toMatchObject({ status: 'pending', live: false, merchant_id: shop.id });
  });

  it('material edits send an approved shop back to review; phone and hours stay live', async () => {
    const { shop } = await approvedShopWithOffer();
    const phone = await patchShop(shop.id, { phone: '13800000000', opening_hours: '24/7' });
    expect(phone.body.merchant).toMatchObject({ status: 'approved', live: true, phone: '13800000000' });
    const renamed = await patchShop(shop.id, { name: '老王轮胎（新店）' });
    expect(renamed.body.merchant).toMatchObject({ status: 'pending', live: false });
    const back = await patchShop(shop.id, { name: '老王轮胎' }); // exactly what was approved
    expect(back.body.merchant.status).toBe('approved');
    const moved = await patchShop(shop.id, { lat: 32.07 });
    expect(moved.body.merchant.status).toBe('pending');
  });

  it('null clears an optional field; an empty PATCH changes nothing', async () => {
    const { shop } = await approvedShopWithOffer();
    const cleared = await patchShop(shop.id, { phone: null });
    expect(cleared.body.merchant.phone).toBeUndefined();
    expect(cleared.body.merchant.status).toBe('approved');
    const none = await patchShop(shop.id, {});
    expect(none.status).toBe(200);
    expect(none.body.merchant.status).toBe('approved');
  });

  it('a rejected shop shows the reason; any edit resubmits it and clears the reason', async () => {
    const shop = (await send(env, 'POST', '/api/my/merchants', { cookie: a, body: shopBody() })).body.merchant;
    await reject('merchants', shop.id, '地址无法核实');
    const mine = (await send(env, 'GET', '/api/my/merchants', { cookie: a })).body.items.find((m: { id: string }) => m.id === shop.id);
    expect(mine).toMatchObject({ status: 'rejected', reason: '地址无法核实' });
    const fixed = await patchShop(shop.id, { address: '南京市鼓楼区中山路2号' });
    expect(fixed.body.merchant.status).toBe('pending');
    expect(fixed.body.merchant.reason).toBeUndefined();
  });

  it('offer edits go back to review; pause hides at once; unpause restores approval only for approved content', async () => {
    const { offer } = await approvedShopWithOffer();
    const paused = await patchOffer(offer.id, { status: 'paused' });
    expect(paused.body.offer).toMatchObject({ status: 'paused', live: false });
    const resumed = await patchOffer(offer.id, { status: 'active' });
    expect(resumed.body.offer).toMatchObject({ status: 'approved', live: true });
    await patchOffer(offer.id, { status: 'paused' });
    const editedWhilePaused = await patchOffer(offer.id, { title: '会员八折', value: 20 });
    expect(editedWhilePaused.body.offer.status).toBe('paused');
    const resumedEdited = await patchOffer(offer.id, { status: 'active' });
    expect(resumedEdited.body.offer.status).toBe('pending');
    const edited = await patchOffer(offer.id, { title: '会员九折', value: 10 }); // back to the approved text
    expect(edited.body.offer.status).toBe('approved');
  });

  it('a rejected offer cannot be paused (409) but an edit resubmits it', async () => {
    const { shop } = await approvedShopWithOffer();
    const o = (await send(env, 'POST', `/api/my/merchants/${shop.id}/offers`, { cookie: a, body: offerBody({ title: '夸大宣传' }) })).body.offer;
    await reject('offers', o.id, '标题夸大');
    expect((await patchOffer(o.id, { status: 'paused' })).status).toBe(409);
    expect((await patchOffer(o.id, { status: 'active' })).body.offer.status).toBe('rejected');
    const fixed = await patchOffer(o.id, { title: '会员九五折', value: 5 });
    expect(fixed.body.offer).toMatchObject({ status: 'pending' });
    expect(fixed.body.offer.reason).toBeUndefined();
  });

  it('caps shops per account and offers per shop (409)', async () => {
    const { cookie } = await signUp(env, 'flood@example.org');
    const statuses: number[] = [];
    for (let i = 0; i <= MY_LIMITS.merchantsPerAccount; i++) {
      statuses.push((await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody({ name: `店${i}` }) })).status);
    }
    expect(statuses.at(-1)).toBe(409);
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
  });
});
