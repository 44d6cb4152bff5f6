/**
 * Union benefits through the real app: admins issue them (workers cannot), members see those that
 * reach their occupation and region, a partner shop redeems one with the card — once per member,
 * the same clientId again being the same use.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey } from '../../api/membership/keys';
import { authEnv, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

const keyDir = mkdtempSync(join(tmpdir(), 'yizhan-keys-'));
const keyPath = join(keyDir, 'keys.json');
let env: AuthEnv;
const c = { admin: '', rider: '', courier: '', shop: '', noShop: '' };
const tokens = { rider: '', courier: '' };
const BENEFIT = { title: '夏送清凉：免费饮品一杯', validFrom: '2026-11-01', validTo: '2026-11-30', region: '江苏省' };
let benefitId = '';

async function member(email: string, occupation: string, region: string) {
  const cookie = (await signUp(env, email, '王小明')).cookie;
  const app = await send(env, 'POST', '/api/membership/applications', { cookie, body: { name: '王小明', phone: '13800138000', occupation, region } });
  await send(env, 'POST', `/api/admin/applications/${app.body.application.id}/review`, { cookie: c.admin, body: { decision: 'approve' } });
  return { cookie, token: (await send(env, 'GET', '/api/membership/card', { cookie })).body.card.token as string };
}
const use = (token: string, clientId = randomUUID(), cookie = c.shop) =>
  send(env, 'POST', '/api/my/benefit-redemptions', { cookie, body: { clientId, token, benefitId } });

beforeAll(async () => {
  createSigningKey(keyPath, new Date());
  env = await authEnv([], [], { membershipKeyPath: keyPath });
  c.admin = (await signInAdmin(env)).cookie;
  ({ cookie: c.rider, token: tokens.rider } = await member('rider@example.org', 'food_delivery', '江苏省 南京市'));
  ({ cookie: c.courier, token: tokens.courier } = await member('courier@example.org', 'courier', '浙江省 杭州市'));
  c.shop = (await signUp(env, 'shop@example.org', '老王')).cookie;
  c.noShop = (await signUp(env, 'new@example.org', '老李')).cookie;
  const shop = (await send(env, 'POST', '/api/my/merchants', { cookie: c.shop, body: shopBody() })).body.merchant;
  await send(env, 'POST', `/api/admin/merchants/${shop.id}/review`, { cookie: c.admin, body: { decision: 'approve' } });
});
afterAll(async () => {
  await env.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('union benefits', () => {
  it('only admins issue them; bad bodies are named', async () => {
    expect((await send(env, 'POST', '/api/admin/benefits', { cookie: c.rider, body: BENEFIT })).status).toBe(403);
    const bad = await send(env, 'POST', '/api/admin/benefits', { cookie: c.admin, body: { ...BENEFIT, validTo: '2026-10-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params[0].name).toBe('validTo');
    const r = await send(env, 'POST', '/api/admin/benefits', { cookie: c.admin, body: BENEFIT });
    expect(r.status).toBe(201);
    benefitId = r.body.benefit.id;
    expect((await env.store.auditEntries({ limit: 5, target_type: 'benefit', target_id: benefitId }))[0].action).toBe('benefit.create');
  });

  it('members see the benefits that reach their region', async () => {
    expect((await send(env, 'GET', '/api/membership/benefits', { cookie: c.rider })).body.items).toEqual([expect.objectContaining({ id: benefitId, used: false })]);
    expect((await send(env, 'GET', '/api/membership/benefits', { cookie: c.courier })).body.items).toEqual([]);
    expect((await send(env, 'GET', '/api/membership/benefits', { cookie: c.shop })).body.items).toEqual([]);
    const active = await send(env, 'GET', '/api/membership/benefits/active', { origin: false });
    expect(active.status).toBe(200);
    expect(active.body.items.map((b: { id: string }) => b.id)).toEqual([benefitId]);
  });

  it('a partner shop redeems it once per member; a replay is the same use', async () => {
    expect((await use(tokens.rider, randomUUID(), c.noShop)).status).toBe(403);
    expect((await use(tokens.courier)).body.reason).toBe('not_eligible');
    expect((await use('YZ1:AAAA')).status).toBe(422);
    const clientId = randomUUID();
    const first = await use(tokens.rider, clientId);
    expect(first.status).toBe(201);
    const replay = await use(tokens.rider, clientId);
    expect(replay.status).toBe(200);
    expect(replay.body.use.id).toBe(first.body.use.id);
    const second = await use(tokens.rider);
    expect(second.status).toBe(409);
    expect(second.body.use.id).toBe(first.body.use.id);
    expect((await send(env, 'GET', '/api/membership/benefits', { cookie: c.rider })).body.items[0].used).toBe(true);
  });
});
