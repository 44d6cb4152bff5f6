import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_LIMITS } from '../../api/routes/auth';
import { PASSWORD, authEnv, send, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
beforeEach(async () => {
  env = await authEnv();
});
afterEach(() => env.close());

const login = (email: string, password: string, ip = '203.0.113.7') =>
  send(env, 'POST', '/api/auth/login', { body: { email, password }, headers: { 'X-Forwarded-For': ip } });

describe('rate limits on sign-in and sign-up', () => {
  it('per account (all addresses): sign-in attempts beyond the loose limit → 429 with Retry-After, even with the right password', async () => {
    await signUp(env, 'target@example.org');
    const { limit, windowMs } = AUTH_LIMITS.loginPerAccount;
    for (let i = 0; i < limit; i++) expect((await login('target@example.org', `wrong-${i}-password`, `198.51.100.${i}`)).status).toBe(401);
    const blocked = await login('target@example.org', PASSWORD, '198.51.100.200');
    expect(blocked.status).toBe(429);
    expect(blocked.res.headers.get('content-type')).toContain('application/problem+json');
    const retry = Number(blocked.res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(windowMs / 1000);
    env.advance(retry * 1000);
    expect((await login('target@example.org', PASSWORD)).status).toBe(200); // the window slid past
  });

  it('a successful sign-in clears the account’s failures', async () => {
    await signUp(env, 'ok@example.org');
    const { limit } = AUTH_LIMITS.loginPerAccountAddress;
    for (let i = 0; i < limit - 1; i++) await login('ok@example.org', 'wrong password!!');
    expect((await login('ok@example.org', PASSWORD)).status).toBe(200);
    for (let i = 0; i < limit - 1; i++) expect((await login('ok@example.org', 'wrong password!!')).status).toBe(401);
  });

  it('per address: many accounts tried from one address → 429; another address is unaffected', async () => {
    const { limit } = AUTH_LIMITS.loginPerAddress;
    for (let i = 0; i < limit; i++) expect((await login(`spray${i}@example.org`, 'some password')).status).toBe(401);
    const blocked = await login('spray-last@example.org', 'some password');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('spray-last@example.org', 'some password', '192.0.2.44')).status).toBe(401);
  });

  it('sign-up per address → 429 with Retry-After', async () => {
    const { limit } = AUTH_LIMITS.registerPerAddress;
    const register = (i: number) =>
      send(env, 'POST', '/api/auth/register', { body: { email: `r${i}@example.org`, password: PASSWORD, name: 'r' }, headers: { 'X-Forwarded-For': '203.0.113.9' } });
    for (let i = 0; i < limit; i++) expect((await register(i)).status).toBe(201);
    const blocked = await register(limit);
    expect(blocked.status).toBe(429);
    expect(blocked.res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('sign-up per account (email) → 429', async () => {
    const { limit } = AUTH_LIMITS.registerPerAccount;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const r = await send(env, 'POST', '/api/auth/register', {
        body: { email: 'same@example.org', password: PASSWORD, name: 's' }, headers: { 'X-Forwarded-For': `192.0.2.${i}` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([201, ...Array(limit - 1).fill(409), 429]);
  });
});
