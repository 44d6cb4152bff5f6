/**
 * Redemptions through the real app: a merchant records a member card using its approved offer,
 * exactly once per clientId (replays from an offline queue, even concurrent ones), with the
 * offer's once-per-day limit flagging a second use; the member sees their own redemptions.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey } from '../../api/membership/keys';
import { authEnv, offerBody, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

const DAY = 86_400_000;
const keyDir = mkdtempSync(join(tmpdir(), 'yizhan-keys-'));
const keyPath = join(keyDir, 'keys.json');
let env: AuthEnv;
const c = { admin: '', worker: '', shop: '', other: '' };
let token = '';
let offerId = '';

const redeem = (body: Record<string, unknown>, cookie = c.shop, origin?: string | false) =>
  send(env, 'POST', '/api/my/redemptions', { cookie, body: { token, offerId, ...body }, origin });

beforeAll(async () => {
  createSigningKey(keyPath, new Date());
  env = await authEnv([], [], { membershipKeyPath: keyPath });
  c.admin = (await signInAdmin(env)).cookie;
  c.worker = (await signUp(env, 'rider@example.org', '王小明')).cookie;
  c.shop = (await signUp(env, 'shop@example.org', '老王')).cookie;
  c.other = (await signUp(env, 'other@example.org', '老李')).cookie;
  const body = { name: '王小明', phone: '13800138000', occupation: 'courier', region: '江苏省 南京市' };
  const app = await send(env, 'POST', '/api/membership/applications', { cookie: c.worker, body });
  await send(env, 'POST', `/api/admin/applications/${app.body.application.id}/review`, { cookie: c.admin, body: { decision: 'approve' } });
  token = (await send(env, 'GET', '/api/membership/card', { cookie: c.worker })).body.card.token;
  const shop = (await send(env, 'POST', '/api/my/merchants', { cookie: c.shop, body: shopBody() })).body.merchant;
  const offer = (await send(env, 'POST', `/api/my/merchants/${shop.id}/offers`, { cookie: c.shop, body: offerBody({ redeem_limit: 'day' }) })).body.offer;
  offerId = offer.id;
  expect(offer.redeem_limit).toBe('day');
  for (const [kind, id] of [['merchants', shop.id], ['offers', offer.id]]) {
    const r = await send(env, 'POST', `/api/admin/${kind}/${id}/review`, { cookie: c.admin, body: { decision: 'approve' } });
    expect(r.status).toBe(200);
  }
});
afterAll(async () => {
  await env.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('redemptions', () => {
  const first = randomUUID();

  it('who may record: the offer’s owner only', async () => {
    expect((await redeem({ clientId: randomUUID() }, '')).status).toBe(401);
    expect((await redeem({ clientId: randomUUID() }, c.other)).status).toBe(404); // another merchant's offer
    expect((await redeem({ clientId: randomUUID() }, c.worker)).status).toBe(404);
    expect((await redeem({ clientId: randomUUID() }, c.shop, false)).status).toBe(403); // CSRF
  });

  it('bad input: 400 named, a bad card 422 with the verdict', async () => {
    const bad = await redeem({ clientId: 'nope', at: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['at', 'clientId']);
    expect((await redeem({ clientId: randomUUID(), at: new Date(env.now().getTime() - 8 * DAY).toISOString() })).status).toBe(400);
    const forged = await redeem({ clientId: randomUUID(), token: 'YZ1:ABC' });
    expect(forged.status).toBe(422);
    expect(forged.body.reason).toBe('malformed');
  });

  it('records once per clientId, however often (and concurrently) it is replayed', async () => {
    const at = env.now().toISOString();
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem({ clientId: first, at })));
    const ids = new Set(results.map((r) => r.body.redemption.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => r.body.redemption.flagged === false)).toBe(true);
    const changed = await redeem({ clientId: first, at: new Date(env.now().getTime() - 60_000).toISOString() });
    expect(changed.status).toBe(409);
  });

  it('a second use the same Shanghai day is flagged; the next day is not', async () => {
    env.advance(3600_000);
    const again = await redeem({ clientId: randomUUID() });
    expect(again.status).toBe(201);
    expect(again.body.redemption.flagged).toBe(true);
    env.advance(DAY);
    const tomorrow = await redeem({ clientId: randomUUID() });
    expect(tomorrow.body.redemption.flagged).toBe(false);
  });

  it('the member sees their own redemptions, with the offer and the shop', async () => {
    const mine = await send(env, 'GET', '/api/membership/redemptions', { cookie: c.worker });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(3);
    expect(mine.body.items[0]).toMatchObject({ offerId, offerTitle: '会员九折', merchantName: '老王轮胎' });
    expect((await send(env, 'GET', '/api/membership/redemptions', { cookie: c.other })).body.items).toEqual([]);
  });
});
