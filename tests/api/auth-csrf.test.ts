import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, send, shopBody, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let cookie: string;
beforeAll(async () => {
  env = await authEnv();
  cookie = (await signUp(env, 'csrf@example.org')).cookie;
});
afterAll(() => env.close());

const writes: [string, string, unknown][] = [
  ['POST', '/api/auth/login', { email: 'csrf@example.org', password: 'whatever-long' }],
  ['POST', '/api/auth/register', { email: 'new@example.org', password: 'long enough pw', name: 'n' }],
  ['POST', '/api/auth/logout', undefined],
  ['POST', '/api/my/merchants', shopBody()],
  ['PATCH', '/api/my/merchants/m_x', { name: 'x' }],
  ['POST', '/api/admin/stations', { name: 'x' }],
];

describe('CSRF: state-changing requests must come from our own origin', () => {
  for (const [method, path, body] of writes) {
    it(`${method} ${path}: foreign Origin → 403`, async () => {
      const r = await send(env, method, path, { cookie, body, origin: 'https://evil.example' });
      expect(r.status).toBe(403);
      expect(r.res.headers.get('content-type')).toContain('application/problem+json');
    });
    it(`${method} ${path}: no Origin and no Referer → 403`, async () => {
      expect((await send(env, method, path, { cookie, body, origin: false })).status).toBe(403);
    });
  }

  it('a foreign Referer is refused, a same-origin Referer accepted when Origin is absent', async () => {
    const foreign = await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody(), origin: false, headers: { Referer: 'https://evil.example/page' } });
    expect(foreign.status).toBe(403);
    const ours = await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody(), origin: false, headers: { Referer: 'http://localhost/merchant' } });
    expect(ours.status).toBe(201);
  });

  it('the same origin is accepted; "null" and a look-alike host are not', async () => {
    expect((await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody() })).status).toBe(201);
    expect((await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody(), origin: 'null' })).status).toBe(403);
    expect((await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody(), origin: 'http://localhost.evil.example' })).status).toBe(403);
    expect((await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody(), origin: 'http://localhost:9999' })).status).toBe(403);
  });

  it('reads need no Origin', async () => {
    expect((await send(env, 'GET', '/api/my/merchants', { cookie, origin: false })).status).toBe(200);
    expect((await send(env, 'GET', '/api/auth/me', { cookie, origin: false })).status).toBe(200);
  });
});
