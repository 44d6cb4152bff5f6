/**
 * /api/auth: sign up (merchant accounts), sign in, change the password, sign out, who am I. Sign-in and sign-up are
 * rate limited (see AUTH_LIMITS); a refusal is a 429 with Retry-After. Wrong passwords tried on an
 * account are counted in the store, and the next sign-in tells the owner (failedSignIns).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Clock } from '../env';
import { createAccount, emailSchema, nameSchema, passwordSchema, publicUser } from '../auth/accounts';
import { hashPassword, verifyNothing, verifyPassword } from '../auth/password';
import { createRateLimiter, type RateLimiter } from '../auth/rate-limit';
import { clientAddress } from '../auth/request';
import type { FailedSignIns, Store, UserWithHash } from '../store/port';
import type { SignInNotice } from '../../data/wire';
import { currentUser, endSession, requireUser, startSession, type AuthEnv } from '../auth/session';
import { problem, validate } from '../problem';
import { makeRoom } from '../../data/bounded-map';

const MINUTE = 60_000;
/**
 * Attempts allowed per window. Sign-in attempts are counted before the password is checked, so
 * concurrent guesses cannot outrun the count. The tight limit is per account *and* address: an
 * attacker locks out only themselves; the account-wide one is loose (it slows a distributed guess
 * without letting five wrong passwords lock the owner out). Per-address limits are loose because
 * carrier NAT shares addresses.
 */
export const AUTH_LIMITS = {
  loginPerAccountAddress: { limit: 5, windowMs: 15 * MINUTE }, // sign-in attempts per email from one address
  loginPerAccount: { limit: 50, windowMs: 15 * MINUTE }, // sign-in attempts per email from all addresses
  loginPerAddress: { limit: 30, windowMs: 15 * MINUTE }, // sign-in attempts per IP address
  registerPerAccount: { limit: 5, windowMs: 60 * MINUTE }, // sign-up attempts per email
  registerPerAddress: { limit: 10, windowMs: 60 * MINUTE }, // sign-up attempts per IP address
  loginInFlightPerAccount: 2, // password checks running at once for one email; more are refused at once
};

const passwordBody = z.object({ current: z.string({ error: 'current is required' }).min(1).max(200), password: passwordSchema });
const registerBody = z.object({ email: emailSchema, password: passwordSchema, name: nameSchema });
const loginBody = z.object({
  email: emailSchema,
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(200),
});

function tooMany(c: Context, seconds: number) {
  c.header('Retry-After', String(seconds));
  return problem(c, 429, `Too many attempts. Try again in ${seconds} s.`, { retryAfter: seconds });
}

/** The first limiter that refuses (each is checked, and counts the attempt when it allows it). */
async function refusal(store: Store, ...checks: [RateLimiter, string][]): Promise<number> {
  for (const [limiter, key] of checks) {
    const wait = await limiter.hit(store, key);
    if (wait) return wait;
  }
  return 0;
}

/** The owner's notice as the API words it: `lastFailedSignInAt` only when there was a failure. */
const notice = ({ count, lastAt }: FailedSignIns): SignInNotice =>
  count > 0 && lastAt ? { failedSignIns: count, lastFailedSignInAt: lastAt } : { failedSignIns: count };

const KNOWN_PAIRS_MAX = 100_000; // memory bound; the oldest are forgotten first

function remember(known: Map<string, true>, pair: string) {
  known.delete(pair);
  makeRoom(known, KNOWN_PAIRS_MAX);
  known.set(pair, true);
}

/** The /api/auth sub-app; its rate limiters live as long as the app and read the app's clock. */
export function createAuthRoutes(clock: Clock, limits = AUTH_LIMITS) {
  const limiter = (name: string, l: { limit: number; windowMs: number }) => createRateLimiter({ ...l, name, clock });
  const login = {
    pair: limiter('login.pair', limits.loginPerAccountAddress),
    account: limiter('login.account', limits.loginPerAccount),
    address: limiter('login.address', limits.loginPerAddress),
  };
  const register = { account: limiter('register.account', limits.registerPerAccount), address: limiter('register.address', limits.registerPerAddress) };
  const checking = new Map<string, number>(); // password checks in flight per email
  const known = new Map<string, true>(); // email+address pairs that signed in: exempt from the account-wide limit

  return new Hono<AuthEnv>()
    .post('/register', validate('json', registerBody), async (c) => {
      const body = c.req.valid('json');
      const { store } = c.get('deps');
      const wait = await refusal(store, [register.address, clientAddress(c)], [register.account, body.email]);
      if (wait) return tooMany(c, wait);
      const user = await createAccount(store, { ...body, role: 'merchant' }, clock());
      if (!user) return problem(c, 409, 'An account with this email already exists. Sign in instead.');
      await startSession(c, user);
      return c.json({ user: publicUser(user) }, 201);
    })
    .post('/login', validate('json', loginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      if ((checking.get(email) ?? 0) >= limits.loginInFlightPerAccount) return tooMany(c, 1);
      const pair = `${email}\n${clientAddress(c)}`;
      const { store } = c.get('deps');
      const wait = known.has(pair)
        ? await refusal(store, [login.address, clientAddress(c)], [login.pair, pair])
        : await refusal(store, [login.address, clientAddress(c)], [login.pair, pair], [login.account, email]);
      if (wait) return tooMany(c, wait);
      const running = checking.get(email) ?? 0; // again: others may have started while the limits were counted
      if (running >= limits.loginInFlightPerAccount) return tooMany(c, 1);
      checking.set(email, running + 1);
      let ok = false;
      let found: UserWithHash | undefined;
      try {
        found = await store.userByEmail(email);
        ok = found ? await verifyPassword(password, found.password_hash) : await verifyNothing(password);
      } finally {
        const left = (checking.get(email) ?? 1) - 1;
        if (left > 0) checking.set(email, left);
        else checking.delete(email);
      }
      if (!found || !ok) {
        if (found) await store.recordFailedSignIn(found.id, clock().toISOString()); // the owner is told at the next sign-in
        return problem(c, 401, 'Email or password is wrong.');
      }
      await login.pair.reset(store, pair);
      if (!known.has(pair)) await login.account.forgive(store, email);
      remember(known, pair);
      await startSession(c, found);
      // taken once the session exists: a failed sign-in never swallows the count
      return c.json({ user: publicUser(found), ...notice(await store.takeFailedSignIns(found.id)) });
    })
    .post('/password', requireUser, validate('json', passwordBody), async (c) => {
      const { current, password } = c.req.valid('json');
      const user = currentUser(c);
      const pair = `${user.email}\n${clientAddress(c)}`;
      const { store } = c.get('deps');
      const wait = await refusal(store, [login.pair, pair]); // guesses of the current password count like sign-in attempts
      if (wait) return tooMany(c, wait);
      const found = await store.userByEmail(user.email);
      if (!found || !(await verifyPassword(current, found.password_hash))) return problem(c, 403, 'The current password is wrong.');
      if (current === password) return problem(c, 400, 'The new password must differ from the current one.', { invalid_params: [{ name: 'password', reason: 'same as the current password' }] });
      await login.pair.forgive(store, pair);
      await store.setPassword(user.id, await hashPassword(password), c.get('sessionHash') ?? undefined); // other sessions end
      return c.body(null, 204);
    })
    .post('/logout', async (c) => {
      await endSession(c);
      return c.body(null, 204);
    })
    .get('/me', async (c) => {
      const user = c.get('user');
      if (!user) return problem(c, 401, 'Not signed in.');
      // wrong passwords tried since the account's newest sign-in (this one or another device's)
      return c.json({ user: publicUser(user), ...notice(await c.get('deps').store.failedSignIns(user.id)) });
    });
}
