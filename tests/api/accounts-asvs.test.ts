/**
 * Accounts against OWASP ASVS 4 level 1: long, uncommon passwords; changing a password (other
 * sessions end) and an admin reset for merchants; an absolute session lifetime; the __Host-
 * cookie over https; the CSRF check compares the scheme; the export cannot be triggered cross-site.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION } from '../../api/auth/session';
import { PASSWORD, authEnv, send, sessionCookie, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
beforeEach(async () => {
  env = await authEnv();
});
afterEach(() => env.close());

const register = (email: string, password: string) => send(env, 'POST', '/api/auth/register', { body: { email, password, name: 'n' } });
const login = (email: string, password: string) => send(env, 'POST', '/api/auth/login', { body: { email, password } });

describe('passwords', () => {
  it('fewer than 12 characters, or a common password (any case, digits tacked on), is a 400 naming password', async () => {
    for (const bad of ['elevenchars', 'password1234', 'Qwertyuiop123', '1234567890123', 'aaaaaaaaaaaaaa', 'abcdefghijklm', 'iloveyou2024!']) {
      const r = await register(`p${bad.length}${bad[0]}@example.org`, bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.invalid_params.map((p: { name: string }) => p.name)).toContain('password');
    }
    expect((await register('fine@example.org', 'tea at the post office')).status).toBe(201);
  });

  it('a signed-in user changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const { cookie } = await signUp(env, 'change@example.org');
    const other = sessionCookie((await login('change@example.org', PASSWORD)).res);
    const wrong = await send(env, 'POST', '/api/auth/password', { cookie, body: { current: 'not the password', password: 'a brand new passphrase' } });
    expect(wrong.status).toBe(403);
    const weak = await send(env, 'POST', '/api/auth/password', { cookie, body: { current: PASSWORD, password: 'password123' } });
    expect(weak.status).toBe(400);
    const ok = await send(env, 'POST', '/api/auth/password', { cookie, body: { current: PASSWORD, password: 'a brand new passphrase' } });
    expect(ok.status).toBe(204);
    expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect((await send(env, 'GET', '/api/auth/me', { cookie: other })).status).toBe(401);
    expect((await login('change@example.org', PASSWORD)).status).toBe(401);
    expect((await login('change@example.org', 'a brand new passphrase')).status).toBe(200);
  });

  it('an admin resets a merchant’s password: a one-off password, sessions end, audited; admins cannot be reset so', async () => {
    const merchant = await signUp(env, 'forgot@example.org');
    const admin = await signInAdmin(env);
    const r = await send(env, 'POST', `/api/admin/users/${merchant.user.id}/password`, { cookie: admin.cookie });
    expect(r.status).toBe(200);
    expect(r.body.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await send(env, 'GET', '/api/auth/me', { cookie: merchant.cookie })).status).toBe(401);
    expect((await login('forgot@example.org', r.body.temporaryPassword)).status).toBe(200);
    const log = (await send(env, 'GET', '/api/admin/audit?targetType=user', { cookie: admin.cookie })).body.items;
    expect(log[0]).toMatchObject({ action: 'user.password_reset', target_id: merchant.user.id });
    expect((await send(env, 'POST', `/api/admin/users/${admin.user.id}/password`, { cookie: admin.cookie })).status).toBe(403);
    expect((await send(env, 'POST', `/api/admin/users/${admin.user.id}/password`, { cookie: merchant.cookie })).status).toBe(401);
  });
});

describe('sessions and cross-site requests', () => {
  it('a session in daily use still ends at its absolute lifetime', async () => {
    const { cookie } = await signUp(env, 'daily@example.org');
    const day = 24 * 3600_000;
    for (let t = 0; t + day < SESSION.absoluteMs; t += day) {
      env.advance(day);
      expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    }
    env.advance(day);
    expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('over https the session cookie is __Host-prefixed (Secure, Path=/, no Domain) and works', async () => {
    await signUp(env, 'tls@example.org');
    const r = await send(env, 'POST', '/api/auth/login', { body: { email: 'tls@example.org', password: PASSWORD }, headers: { 'X-Forwarded-Proto': 'https' }, origin: 'https://localhost' });
    expect(r.status).toBe(200);
    const set = r.res.headers.getSetCookie().find((h) => h.startsWith('__Host-yz_session='))!;
    expect(set).toMatch(/; Path=\/(;|$)/);
    expect(set).toMatch(/; Secure(;|$)/);
    expect(set).not.toMatch(/Domain=/i);
    const cookie = /__Host-yz_session=[^;]+/.exec(set)![0];
    expect((await send(env, 'GET', '/api/auth/me', { cookie, headers: { 'X-Forwarded-Proto': 'https' } })).status).toBe(200);
  });

  it('the CSRF check compares the scheme: an https Origin on an http request is refused', async () => {
    const r = await send(env, 'POST', '/api/auth/login', { body: { email: 'x@example.org', password: 'whatever-long-1' }, origin: 'https://localhost' });
    expect(r.status).toBe(403);
  });

  it('the export cannot be triggered from another site, and works from the admin app', async () => {
    const { cookie } = await signInAdmin(env);
    const get = (headers: Record<string, string>) => env.app.request('/api/admin/export?kind=stations&format=csv', { headers: { Cookie: cookie, ...headers } });
    expect((await get({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await get({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await get({ Referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await get({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await get({ Referer: 'http://localhost/business/' })).status).toBe(200);
    const log = (await send(env, 'GET', '/api/admin/audit?targetType=export', { cookie })).body.items;
    expect(log).toHaveLength(2);
  });
});
