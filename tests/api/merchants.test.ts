import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, merchant, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv([], [
    merchant({ id: 'shop', name: '中策轮胎<script>x</script>', lat: 32.06, lng: 118.79, owner_id: 'u1', reason: 'secret' }, [
      { title: '现行', valid_from: '2026-11-01', valid_to: '2026-12-31' },
      { title: '已过期', valid_to: '2026-11-22' },
      { title: '未开始', valid_from: '2026-11-24' },
      { title: '待审核', status: 'pending' },
      { title: '已暂停', status: 'paused' },
    ]),
    merchant({ id: 'pending-shop', status: 'pending', lat: 32.0601, lng: 118.7901 }),
    merchant({ id: 'pharmacy', category: 'pharmacy', lat: 32.07, lng: 118.8, opening_hours: '24/7' }),
  ]);
});
afterAll(() => env.close());

describe('/api/merchants', () => {
  it('nearest lists approved merchants only, with offers valid today', async () => {
    const { status, body } = await getJson(env, '/api/merchants/nearest?lat=32.06&lng=118.79');
    expect(status).toBe(200);
    expect(body.items.map((m: { id: string }) => m.id)).toEqual(['shop', 'pharmacy']);
    const shop = body.items[0];
    expect(shop.offers.map((o: { title: string }) => o.title)).toEqual(['现行']);
    expect(shop.owner_id).toBeUndefined();
    expect(shop.reason).toBeUndefined();
    expect(body.items[1]).toMatchObject({ is24h: true, openNow: true });
  });

  it('filters by category and open state', async () => {
    const { body } = await getJson(env, '/api/merchants/nearest?lat=32.06&lng=118.79&categories=pharmacy');
    expect(body.items.map((m: { id: string }) => m.id)).toEqual(['pharmacy']);
    const h24 = await getJson(env, '/api/merchants/nearest?lat=32.06&lng=118.79&open=24h');
    expect(h24.body.items.map((m: { id: string }) => m.id)).toEqual(['pharmacy']);
    const bad = await getJson(env, '/api/merchants/nearest?lat=32.06&lng=118.79&categories=spaceships');
    expect(bad.status).toBe(400);
  });

  it('by id: approved only, 404 otherwise', async () => {
    expect((await getJson(env, '/api/merchants/shop')).body.merchant.offers).toHaveLength(1);
    expect((await getJson(env, '/api/merchants/pending-shop')).status).toBe(404);
  });

  it('bbox lists approved merchants', async () => {
    const { body } = await getJson(env, '/api/merchants?bbox=118,31,119,33&zoom=16');
    const ids = body.features.map((f: { properties: { id: string } }) => f.properties.id).sort();
    expect(ids).toEqual(['pharmacy', 'shop']);
  });
});
