/**
 * Leaks and leniency found by a hostile afternoon: sync deltas name only shops that were public,
 * numbers are decimal (no "0x20" = 32), and a write whose body is not JSON is refused, not ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, ORIGIN, send, shopBody, signUp, type AuthEnv } from './auth-helpers';
import { merchant, station } from './helpers';

let env: AuthEnv;
let cookie: string;
let shopId: string;
beforeAll(async () => {
  env = await authEnv([station({ id: 'l-1' })], [merchant({ id: 'public-1' }, [{ title: '九折' }]), merchant({ id: 'was-public' })]);
  cookie = (await signUp(env, 'quiet@example.org')).cookie;
  shopId = (await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody() })).body.merchant.id;
});
afterAll(() => env.close());

describe('sync deltas', () => {
  it('deletedMerchants names shops that were public and are no longer, never shops that never were', async () => {
    const v0 = await env.store.version();
    await send(env, 'PATCH', `/api/my/merchants/${shopId}`, { cookie, body: { name: '还没审核的店' } });
    await env.store.upsertMerchants([merchant({ id: 'never-public', status: 'rejected' })]);
    await env.store.upsertMerchants([merchant({ id: 'was-public', status: 'suspended' })]);
    const res = await env.app.request(`/api/sync?since=${v0}`);
    const body = await res.json();
    expect(body.full).toBe(false);
    expect(body.deletedMerchants).toEqual(['was-public']);
  });
});

describe('numbers are decimal', () => {
  it('hex, binary and octal spellings are 400, not read as numbers', async () => {
    for (const path of [
      '/api/stations/nearest?lat=0x20&lng=118.79',
      '/api/stations/nearest?lat=32&lng=0b1110110',
      '/api/merchants/nearest?lat=32&lng=118&limit=0o7',
      '/api/stations?bbox=0x70,30,120,33&zoom=8',
      '/api/sync?since=0x10',
    ]) {
      const res = await env.app.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await env.app.request('/api/stations/nearest?lat=32.06&lng=118.79&maxDistance=1e4')).status).toBe(200);
  });
});

describe('write bodies', () => {
  it('a PATCH whose body is not declared JSON is 415, a malformed JSON body 400; neither changes anything', async () => {
    const before = (await send(env, 'GET', '/api/my/merchants', { cookie })).body;
    const headers = { Origin: ORIGIN, Cookie: cookie };
    const text = await env.app.request(`/api/my/merchants/${shopId}`, { method: 'PATCH', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{"name":"换了"}' });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toContain('application/problem+json');
    const form = await env.app.request(`/api/my/merchants/${shopId}`, { method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(form.status).toBe(415);
    const broken = await env.app.request(`/api/my/merchants/${shopId}`, { method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"name":' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    expect((await send(env, 'GET', '/api/my/merchants', { cookie })).body).toEqual(before);
  });
});
