import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, merchant, station, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv(
    [
      station({ id: 'far-prefix', name: '鼓楼驿站', lat: 39.9, lng: 116.4 }),
      station({ id: 'near-prefix', name: '鼓楼区中山路驿站', lat: 32.06, lng: 118.79 }),
      station({ id: 'contains', name: '南京鼓楼户外劳动者服务站', lat: 32.061, lng: 118.791 }),
      station({ id: 'other', name: '玄武驿站', lat: 32.05, lng: 118.8 }),
      station({ id: 'gone', name: '鼓楼已关闭', status: 'closed', lat: 32.06, lng: 118.79 }),
      station({ id: 'latin', name: 'SF Express 驿站', lat: 32.07, lng: 118.8 }),
    ],
    [
      merchant({ id: 'shop', name: '鼓楼轮胎店', lat: 32.062, lng: 118.792 }), merchant({ id: 'hidden', name: '鼓楼待审核', status: 'pending' }),
      merchant({ id: 'wash', name: '洁净汽车美容', address: '鼓楼区中山北路8号', lat: 32.07, lng: 118.78 }, [{ title: '会员洗车特惠', kind: 'percent_off', value: 20 }]),
      merchant({ id: 'old', name: '老街修车', lat: 32.07, lng: 118.78 }, [{ title: '开业酬宾', kind: 'percent_off', value: 30, valid_to: '2020-01-31' }]),
    ],
  );
});
afterAll(() => env.close());

describe('GET /api/search', () => {
  it('ranks name prefix before substring, nearest first within each, stations and merchants together', async () => {
    const { status, body } = await getJson(env, `/api/search?q=${encodeURIComponent('鼓楼')}&lat=32.06&lng=118.79`);
    expect(status).toBe(200);
    // then the shop whose address has it (rank 2: address and offers after names)
    expect(body.items.map((i: { id: string }) => i.id)).toEqual(['near-prefix', 'shop', 'far-prefix', 'contains', 'wash']);
    expect(body.items[0]).toMatchObject({ kind: 'station', openNow: null, distance: 0 });
    expect(body.items[1]).toMatchObject({ kind: 'merchant', offers: [] });
  });

  it('matches Latin letters case-insensitively and ids exactly', async () => {
    expect((await getJson(env, '/api/search?q=express&lat=32&lng=118')).body.items.map((i: { id: string }) => i.id)).toEqual(['latin']);
    expect((await getJson(env, '/api/search?q=other&lat=32&lng=118')).body.items.map((i: { id: string }) => i.id)).toEqual(['other']);
  });

  it('finds merchants by their member offers: the title, what it gives in 折, 优惠; not by an offer that has ended', async () => {
    const ids = async (q: string) => (await getJson(env, `/api/search?q=${encodeURIComponent(q)}&lat=32.06&lng=118.79`)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('8折')).toEqual(['wash']);
    expect(await ids('洗车 8折')).toEqual(['wash']);
    expect(await ids('优惠')).toEqual(['wash']);
    expect(await ids('中山北路')).toEqual(['wash']);
    expect(await ids('开业酬宾')).toEqual([]);
    expect(await ids('7折')).toEqual([]);
  });

  it('reads what merchants are found by when first searched: an offer given after start is found, and the one it replaced is not', async () => {
    const shop = (title: string) => merchant({ id: 'tyre', name: '城西轮胎', lat: 32.06, lng: 118.77 }, [{ title, kind: 'percent_off', value: 10 }]);
    const fresh = await testEnv([], [shop('补胎优惠')]);
    try {
      await fresh.store.upsertMerchants([shop('免费打气')]);
      await fresh.refresh(); // the listing is patched in place: its search index is not built yet
      const ids = async (q: string) => (await getJson(fresh, `/api/search?q=${encodeURIComponent(q)}&lat=32.06&lng=118.79`)).body.items.map((i: { id: string }) => i.id);
      expect(await ids('打气')).toEqual(['tyre']);
      expect(await ids('补胎')).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('honours limit', async () => {
    expect((await getJson(env, `/api/search?q=${encodeURIComponent('驿站')}&lat=32&lng=118&limit=2`)).body.items).toHaveLength(2);
  });

  for (const qs of ['lat=32&lng=118', 'q=&lat=32&lng=118', `q=${'长'.repeat(51)}&lat=32&lng=118`, 'q=x', 'q=x&lat=95&lng=118', 'q=x&lat=32&lng=118&limit=51']) {
    it(`400 problem for ?${qs}`, async () => {
      const { status, type } = await getJson(env, `/api/search?${qs}`);
      expect(status).toBe(400);
      expect(type).toContain('problem+json');
    });
  }
});
