/**
 * Abuse tests for sign-in: concurrent guesses cannot outrun the limit (attempts are counted before
 * the ~50 ms password check, and checks in flight per account are capped), and an attacker's
 * failures lock out the attacker's address, not the account's owner.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_LIMITS } from '../../api/routes/auth';
import { PASSWORD, authEnv, send, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
beforeEach(async () => {
  env = await authEnv();
});
afterEach(() => env.close());

const login = (email: string, password: string, ip: string) =>
  send(env, 'POST', '/api/auth/login', { body: { email, password }, headers: { 'X-Forwarded-For': ip } });

describe('sign-in under attack', () => {
  it('30 concurrent guesses from one address: at most the limit are checked, the right one among the rest is refused', async () => {
    await signUp(env, 'victim@example.org');
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 29 ? PASSWORD : `wrong guess number ${i}`));
    const answers = await Promise.all(guesses.map((g) => login('victim@example.org', g, '203.0.113.66')));
    const checked = answers.filter((r) => r.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(AUTH_LIMITS.loginPerAccountAddress.limit);
    expect(answers[29].status).toBe(429);
    for (const r of answers.filter((a) => a.status === 429)) expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('an attacker’s failures do not lock the owner out (admins alike)', async () => {
    await signUp(env, 'owner@example.org');
    const { limit } = AUTH_LIMITS.loginPerAccountAddress;
    for (let i = 0; i < limit; i++) expect((await login('owner@example.org', `bad guess ${i}!`, '198.51.100.9')).status).toBe(401);
    expect((await login('owner@example.org', PASSWORD, '198.51.100.9')).status).toBe(429); // the attacker's address
    const owner = await login('owner@example.org', PASSWORD, '192.0.2.10'); // the owner's address
    expect(owner.status).toBe(200);
    expect(owner.body.failedSignIns).toBe(limit); // and the owner is told someone tried
    expect((await login('owner@example.org', PASSWORD, '192.0.2.10')).body.failedSignIns).toBe(0);
  });

  it('an address the owner signed in from keeps working when a distributed guess exhausts the account-wide limit', async () => {
    await signUp(env, 'known@example.org');
    expect((await login('known@example.org', PASSWORD, '192.0.2.20')).status).toBe(200);
    const { limit } = AUTH_LIMITS.loginPerAccount;
    for (let i = 0; i < limit; i++) await login('known@example.org', `spray ${i} guess`, `10.1.${i >> 8}.${i & 255}`);
    expect((await login('known@example.org', PASSWORD, '10.9.9.9')).status).toBe(429); // a new address: refused
    expect((await login('known@example.org', PASSWORD, '192.0.2.20')).status).toBe(200); // the owner's known one: fine
  });
});
