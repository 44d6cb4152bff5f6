import Database from 'better-sqlite3';
import { ON_POSTGRES } from './test-store';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, authEnv, send, sessionCookie, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
beforeAll(async () => {
  env = await authEnv();
});
afterAll(() => env.close());

const DAY = 24 * 3600_000;

describe('/api/auth', () => {
  it('register creates a merchant account and signs it in', async () => {
    const r = await send(env, 'POST', '/api/auth/register', { body: { email: ' Wang@Example.ORG ', password: PASSWORD, name: '老王' } });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ email: 'wang@example.org', name: '老王', role: 'merchant' });
    expect(r.body.user.password_hash).toBeUndefined();
    const me = await send(env, 'GET', '/api/auth/me', { cookie: sessionCookie(r.res) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('wang@example.org');
    expect(me.res.headers.get('cache-control')).toContain('no-store');
  });

  it('refuses a taken email with 409, whatever its case', async () => {
    const r = await send(env, 'POST', '/api/auth/register', { body: { email: 'WANG@example.org', password: PASSWORD, name: 'x' } });
    expect(r.status).toBe(409);
    expect(r.res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('validates the body: 400 naming each bad field', async () => {
    const r = await send(env, 'POST', '/api/auth/register', { body: { email: 'not-an-email', password: 'short', name: '' } });
    expect(r.status).toBe(400);
    expect(r.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['email', 'name', 'password']);
    const junk = await env.app.request('/api/auth/register', { method: 'POST', headers: { Origin: 'http://localhost', 'Content-Type': 'application/json' }, body: '{oops' });
    expect(junk.status).toBe(400);
  });

  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie; Secure only over https', async () => {
    const r = await send(env, 'POST', '/api/auth/login', { body: { email: 'wang@example.org', password: PASSWORD } });
    expect(r.status).toBe(200);
    const set = r.res.headers.get('set-cookie')!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Secure/);
    const proxied = await send(env, 'POST', '/api/auth/login', { body: { email: 'wang@example.org', password: PASSWORD }, headers: { 'X-Forwarded-Proto': 'https' }, origin: 'https://localhost' });
    expect(proxied.res.headers.get('set-cookie')).toMatch(/; Secure/);
    const direct = await env.app.request('https://localhost/api/auth/login', {
      method: 'POST', headers: { Origin: 'https://localhost', 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'wang@example.org', password: PASSWORD }),
    });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('a wrong password and an unknown email get the same 401', async () => {
    const wrong = await send(env, 'POST', '/api/auth/login', { body: { email: 'wang@example.org', password: 'wrong password!' } });
    const unknown = await send(env, 'POST', '/api/auth/login', { body: { email: 'nobody@example.org', password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.res.headers.get('set-cookie')).toBeNull();
  });

  it('logout ends the session on the server, not just in the browser', async () => {
    const login = await send(env, 'POST', '/api/auth/login', { body: { email: 'wang@example.org', password: PASSWORD } });
    const cookie = sessionCookie(login.res);
    const out = await send(env, 'POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.res.headers.get('set-cookie')).toMatch(/yz_session=;.*Max-Age=0/);
    expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(401); // the old cookie is dead
    expect((await send(env, 'POST', '/api/auth/logout')).status).toBe(204); // idempotent when anonymous
  });

  it('beside the session, a readable hint cookie with the same life; signing out or a dead session clears it', async () => {
    const hint = (r: { res: Response }) => r.res.headers.getSetCookie().find((s) => s.startsWith('yz_signed_in='));
    const login = await send(env, 'POST', '/api/auth/login', { body: { email: 'wang@example.org', password: PASSWORD } });
    expect(hint(login)).toMatch(/^yz_signed_in=1; Max-Age=2592000; Path=\/; Expires=[^;]+; SameSite=Lax$/); // not HttpOnly
    const cookie = `${sessionCookie(login.res)}; yz_signed_in=1`;
    expect(hint(await send(env, 'GET', '/api/auth/me', { cookie }))).toBeUndefined(); // signed in: left alone
    expect(hint(await send(env, 'POST', '/api/auth/logout', { cookie }))).toMatch(/^yz_signed_in=; Max-Age=0; Path=\/;/);
    const stale = await send(env, 'GET', '/api/auth/me', { cookie }); // the session is gone, the browser still has the hint
    expect(stale.status).toBe(401);
    expect(hint(stale)).toMatch(/^yz_signed_in=; Max-Age=0; Path=\/;/);
    expect(hint(await send(env, 'GET', '/api/auth/me'))).toBeUndefined(); // no hint, nothing to clear
  });

  it('me is 401 anonymous or with a forged cookie', async () => {
    expect((await send(env, 'GET', '/api/auth/me')).status).toBe(401);
    const forged = await send(env, 'GET', '/api/auth/me', { cookie: `yz_session=${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
  });

  // reads the SQLite file's bytes; the PostgreSQL half shares the code that writes them
  it.skipIf(ON_POSTGRES)('never stores the password or the session token in clear', async () => {
    const { cookie } = await signUp(env, 'clear@example.org');
    const token = cookie.split('=')[1];
    const db = new Database(env.dbPath, { readonly: true });
    const row = db.prepare(`SELECT password_hash FROM users WHERE email = ?`).get('clear@example.org') as { password_hash: string };
    const sessions = db.prepare(`SELECT token_hash FROM sessions`).pluck().all() as string[];
    db.close();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(sessions.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(sessions).not.toContain(token);
    for (const file of [env.dbPath, `${env.dbPath}-wal`]) {
      const bytes = readFileSync(file, { flag: 'r' });
      expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
      expect(bytes.includes(Buffer.from(token))).toBe(false);
    }
  });

  it('each user gets a different salt for the same password', async () => {
    await signUp(env, 'salt1@example.org');
    await signUp(env, 'salt2@example.org');
    const hashes = await Promise.all(['salt1@example.org', 'salt2@example.org'].map(async (e) => (await env.store.userByEmail(e))!.password_hash));
    expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(2);
  });

  it('sessions slide: used within 30 days they live on; unused for 30 days they end', async () => {
    const { cookie } = await signUp(env, 'slide@example.org');
    env.advance(20 * DAY);
    const used = await send(env, 'GET', '/api/auth/me', { cookie });
    expect(used.status).toBe(200);
    expect(used.res.headers.get('set-cookie')).toMatch(/Max-Age=2592000/); // renewed for 30 days
    env.advance(20 * DAY); // 40 days after sign-in, 20 after the last use
    expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    env.advance(31 * DAY);
    expect((await send(env, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('describes the account, self-service and admin routes with their bodies', async () => {
    const r = await send(env, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    for (const p of ['/api/auth/register', '/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/my/merchants', '/api/my/merchants/{id}', '/api/my/merchants/{id}/offers', '/api/my/offers/{id}', '/api/admin/queue', '/api/admin/merchants/{id}/review', '/api/admin/offers/{id}/review', '/api/admin/stations', '/api/admin/stations/{id}', '/api/admin/import', '/api/admin/export', '/api/admin/audit']) {
      expect(r.body.paths[p], p).toBeDefined();
    }
    const shop = r.body.paths['/api/my/merchants'].post.requestBody.content['application/json'].schema;
    expect(shop.required).toEqual(expect.arrayContaining(['name', 'category', 'lat', 'lng']));
    expect(shop.additionalProperties).toBe(false);
  });
});
