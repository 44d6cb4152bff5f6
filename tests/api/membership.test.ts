/**
 * Membership through the real app: apply (one open per account), the admin queue and review,
 * the card (issued, renewed, revoked), JWKS, revocations and online verify — with who may do what.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey } from '../../api/membership/keys';
import { base45Decode } from '../../data/membership/base45';
import { parseSign1 } from '../../data/membership/cose';
import { verifyCardToken } from '../../data/membership/card-token';
import { authEnv, send, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

const DAY = 86_400_000;
const keyDir = mkdtempSync(join(tmpdir(), 'yizhan-keys-'));
const keyPath = join(keyDir, 'membership-keys.json');
let env: AuthEnv;
let admin: string;
let worker: string;
let merchant: string;
const APPLY = { name: '王小明', phone: '138 0013 8000', employer: '某某外卖平台', occupation: 'food_delivery', region: { province: '江苏省', city: '南京市' } };
const apply = (cookie: string, over: Record<string, unknown> = {}) =>
  send(env, 'POST', '/api/membership/applications', { cookie, body: { ...APPLY, ...over } });
const review = (id: string, body: object, cookie = admin, origin?: string | false) =>
  send(env, 'POST', `/api/admin/applications/${id}/review`, { cookie, body, origin });
const revoke = (cardId: string, body: object, cookie = admin) => send(env, 'POST', `/api/admin/members/${cardId}/revoke`, { cookie, body });
/** Days pass in steps of at most ten; both sessions are used at each, so they stay signed in. */
async function pass(days: number) {
  for (let left = days; left > 0; left -= 10) {
    env.advance(Math.min(10, left) * DAY);
    for (const cookie of [admin, worker]) expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
  }
}
const card = (cookie = worker) => send(env, 'GET', '/api/membership/card', { cookie });

const verify = (token: unknown) => send(env, 'POST', '/api/membership/verify', { body: { token }, origin: false });

beforeAll(async () => {
  createSigningKey(keyPath, new Date());
  env = await authEnv([], [], { membershipKeyPath: keyPath, membershipOrg: '测试市总工会' });
  admin = (await signInAdmin(env)).cookie;
  worker = (await signUp(env, 'rider@example.org', '王小明')).cookie;
  merchant = (await signUp(env, 'shop@example.org', '老王轮胎')).cookie;
});
afterAll(async () => {
  await env.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('membership: apply, review, card, verify, revoke', () => {
  let applicationId = '';
  let first = { id: '', token: '' };

  it('keys:create writes a 0600 file; the JWKS publishes x and y, never d', async () => {
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const r = await send(env, 'GET', '/api/membership/keys');
    expect(r.status).toBe(200);
    expect(r.body.keys).toHaveLength(1);
    expect(r.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(Object.keys(r.body.keys[0]).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('needs a session to apply or read, and the Origin check on the write', async () => {
    expect((await apply('')).status).toBe(401);
    expect((await send(env, 'GET', '/api/membership')).status).toBe(401);
    expect((await card('')).status).toBe(401);
    const r = await send(env, 'POST', '/api/membership/applications', { cookie: worker, body: APPLY, origin: 'https://evil.example' });
    expect(r.status).toBe(403);
  });

  it('names every bad field', async () => {
    const r = await apply(worker, { phone: '12345', occupation: 'astronaut', extra: 1 });
    expect(r.status).toBe(400);
    expect(r.res.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['occupation', 'phone']));
    expect((await apply(worker, { name: '' })).status).toBe(400);
  });

  it('applies once: 201 pending, then 409 while it is open', async () => {
    const r = await apply(worker);
    expect(r.status).toBe(201);
    expect(r.body.application).toMatchObject({ status: 'pending', name: '王小明', phone: '13800138000', region: '江苏省 南京市', occupation: 'food_delivery' });
    applicationId = r.body.application.id;
    expect((await apply(worker)).status).toBe(409);
    const mine = await send(env, 'GET', '/api/membership', { cookie: worker });
    expect(mine.body).toEqual({ application: r.body.application });
    expect((await card()).status).toBe(404);
  });

  it('only admins read the queue or decide; a worker or merchant cannot', async () => {
    expect((await send(env, 'GET', '/api/admin/applications', { cookie: merchant })).status).toBe(403);
    expect((await send(env, 'GET', '/api/admin/applications')).status).toBe(401);
    expect((await review(applicationId, { decision: 'approve' }, worker)).status).toBe(403);
    expect((await review(applicationId, { decision: 'approve' }, admin, false)).status).toBe(403); // CSRF: no Origin
    expect((await review(applicationId, { decision: 'reject' })).status).toBe(400); // a rejection needs a reason
    const q = await send(env, 'GET', '/api/admin/applications?status=pending', { cookie: admin });
    expect(q.status).toBe(200);
    expect(q.body.items).toEqual([expect.objectContaining({ id: applicationId, phone: '13800138000', email: 'rider@example.org' })]);
    expect((await send(env, 'GET', '/api/admin/applications?status=nope', { cookie: admin })).status).toBe(400);
  });

  it('approval makes a member with a card; audited without personal data', async () => {
    const r = await review(applicationId, { decision: 'approve' });
    expect(r.status).toBe(200);
    expect(r.body.application.status).toBe('approved');
    expect(r.body.member).toMatchObject({ name: '王*明', org: '测试市总工会', status: 'active' });
    expect((await review(applicationId, { decision: 'approve' })).status).toBe(409);
    const audit = await env.store.auditEntries({ limit: 5, target_type: 'application', target_id: applicationId });
    expect(audit.map((a) => a.action)).toEqual(['application.approve']);
    expect(JSON.stringify(audit)).not.toContain('13800138000');
    expect((await send(env, 'GET', '/api/membership', { cookie: worker })).body.member.cardId).toMatch(/^\d{16}$/);
  });

  it('GET card issues a signed token that verifies online and with the JWKS offline', async () => {
    const r = await card();
    expect(r.status).toBe(200);
    const c = r.body.card;
    expect(c).toMatchObject({ id: expect.stringMatching(/^\d{16}$/), name: '王*明', org: '测试市总工会' });
    expect(Date.parse(c.expiresAt) - env.now().getTime()).toBe(30 * DAY);
    first = { id: c.id, token: c.token };
    expect((await card()).body.card.token).toBe(c.token); // the same token until renewal is due
    const payload = Buffer.from(parseSign1(base45Decode(c.token.slice(4))).payload).toString('latin1');
    expect(payload).not.toContain('13800138000');
    expect(Buffer.from(parseSign1(base45Decode(c.token.slice(4))).payload).toString('utf8')).not.toContain('外卖');
    const online = await verify(c.token);
    expect(online.status).toBe(200);
    expect(online.body).toMatchObject({ valid: true, card: { id: c.id, name: '王*明', org: '测试市总工会', iss: 'yizhan' } });
    const keys = (await send(env, 'GET', '/api/membership/keys')).body.keys;
    const offline = await verifyCardToken(c.token, { keys, revoked: new Set(), now: env.now().getTime(), subtle: webcrypto.subtle });
    expect(offline).toEqual(online.body);
  });

  it('verify: garbage is a 400 or valid:false, never a 5xx; needs no session or Origin', async () => {
    expect((await verify('hello')).body).toEqual({ valid: false, reason: 'malformed' });
    expect((await verify('YZ1:' + 'A'.repeat(50))).body).toEqual({ valid: false, reason: 'malformed' });
    expect((await verify(42)).status).toBe(400);
    expect((await verify('x'.repeat(5000))).status).toBe(400);
    const raw = await env.app.request('/api/membership/verify', { method: 'POST', body: '{nope', headers: { 'Content-Type': 'application/json' } });
    expect(raw.status).toBe(400);
  });

  it('renews within a week of expiry (same card number), and an old token expires', async () => {
    await pass(22);
    expect((await card()).body.card.token).toBe(first.token);
    await pass(2); // 6 days left
    const renewed = (await card()).body.card;
    expect(renewed.id).toBe(first.id);
    expect(renewed.token).not.toBe(first.token);
    await pass(6);
    expect((await verify(first.token)).body).toMatchObject({ valid: false, reason: 'expired', card: { id: first.id } });
    expect((await verify(renewed.token)).body.valid).toBe(true);
    first.token = renewed.token;
  });

  it('key rotation: old cards verify until they expire; the retired key leaves the JWKS after 31 days', async () => {
    createSigningKey(keyPath, env.now());
    let keys = (await send(env, 'GET', '/api/membership/keys')).body.keys;
    expect(keys).toHaveLength(2);
    expect((await verify(first.token)).body.valid).toBe(true);
    await pass(32);
    keys = (await send(env, 'GET', '/api/membership/keys')).body.keys;
    expect(keys).toHaveLength(1);
    expect((await verify(first.token)).body).toEqual({ valid: false, reason: 'unknown_key' });
    const fresh = (await card()).body.card; // expired token: renewed with the new key
    expect(fresh.id).toBe(first.id);
    expect((await verify(fresh.token)).body.card.kid).toBe(keys[0].kid);
    first.token = fresh.token;
  });

  it('revocation: admins only; verifiers learn it from the list; the member gets a new card', async () => {
    expect((await revoke(first.id, { reason: 'lost phone' }, worker)).status).toBe(403);
    expect((await revoke(first.id, {})).status).toBe(400);
    expect((await revoke('1234', { reason: 'x' })).status).toBe(400);
    expect((await revoke('8000000000000000', { reason: 'x' })).status).toBe(404);
    const before = (await send(env, 'GET', '/api/membership/revocations?since=0')).body;
    expect(before).toEqual({ version: 0, revoked: [] });
    expect((await revoke(first.id, { reason: 'lost phone' })).status).toBe(200);
    expect((await revoke(first.id, { reason: 'again' })).status).toBe(409);
    expect((await send(env, 'GET', '/api/membership/revocations?since=0')).body).toEqual({ version: 1, revoked: [first.id] });
    expect((await send(env, 'GET', '/api/membership/revocations?since=1')).body).toEqual({ version: 1, revoked: [] });
    expect((await send(env, 'GET', '/api/membership/revocations?since=7')).body).toEqual({ version: 1, revoked: [first.id], reset: true });
    expect((await send(env, 'GET', '/api/membership/revocations?since=-1')).status).toBe(400);
    expect((await verify(first.token)).body).toMatchObject({ valid: false, reason: 'revoked' });
    const next = (await card()).body.card;
    expect(next.id).not.toBe(first.id);
    expect((await verify(next.token)).body.valid).toBe(true);
    expect((await env.store.auditEntries({ limit: 5, target_type: 'card', target_id: first.id }))[0].action).toBe('card.revoke');
    // left the union: no new card, and a new application is possible
    expect((await revoke(next.id, { reason: 'left the union', endMembership: true })).status).toBe(200);
    expect((await card()).status).toBe(404);
    expect((await apply(worker)).status).toBe(201);
  });

  it('a rejection carries its reason to the applicant, who may apply again', async () => {
    const app = (await send(env, 'GET', '/api/membership', { cookie: worker })).body.application;
    const r = await review(app.id, { decision: 'reject', reason: '请补充工作单位' });
    expect(r.body.application).toMatchObject({ status: 'rejected', reason: '请补充工作单位' });
    expect((await send(env, 'GET', '/api/membership', { cookie: worker })).body.application).toMatchObject({ status: 'rejected', reason: '请补充工作单位' });
    expect((await apply((await signUp(env, 'shop2@example.org')).cookie)).status).toBe(201); // any account may apply
  });

  it('personal data never reaches public endpoints', async () => {
    for (const path of ['/api/sync?since=0', '/api/membership/keys', '/api/membership/revocations']) {
      const r = await send(env, 'GET', path);
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toMatch(/13800138000|外卖平台/);
    }
  });
});

describe('membership without a signing key', () => {
  it('refuses to issue cards and says why; verify answers unknown_key', async () => {
    const bare = await authEnv();
    try {
      const a = (await signInAdmin(bare)).cookie;
      const w = (await signUp(bare, 'w@example.org', '李四')).cookie;
      const app = await send(bare, 'POST', '/api/membership/applications', { cookie: w, body: { ...APPLY, name: '李四' } });
      await send(bare, 'POST', `/api/admin/applications/${app.body.application.id}/review`, { cookie: a, body: { decision: 'approve' } });
      const r = await send(bare, 'GET', '/api/membership/card', { cookie: w });
      expect(r.status).toBe(503);
      expect(r.body.detail).toContain('npm run keys:create');
      expect((await send(bare, 'GET', '/api/membership/keys')).body).toEqual({ keys: [] });
      expect((await send(bare, 'GET', '/api/membership', { cookie: w })).body.member).toMatchObject({ name: '李*', status: 'active' });
    } finally {
      await bare.close();
    }
  });
});

describe('OpenAPI', () => {
  it('describes every membership route', async () => {
    const e = await authEnv();
    try {
      const paths = Object.keys((await send(e, 'GET', '/api/openapi.json')).body.paths);
      expect(paths).toEqual(expect.arrayContaining([
        '/api/membership', '/api/membership/applications', '/api/membership/card', '/api/membership/keys',
        '/api/membership/revocations', '/api/membership/verify', '/api/admin/applications',
        '/api/admin/applications/{id}/review', '/api/admin/members/{cardId}/revoke', '/api/membership/redemptions', '/api/my/redemptions', '/api/membership/benefits', '/api/my/benefit-redemptions', '/api/admin/benefits',
      ]));
    } finally {
      await e.close();
    }
  });
});
