/**
 * Server-side sessions: a random 32-byte token in an HttpOnly, SameSite=Lax cookie (Secure over
 * https, named with the __Host- prefix there); the database keeps only the token's SHA-256. Sessions
 * last 30 days from the last use and never more than 90 days from sign-in.
 * Beside it a readable hint cookie says only "a session may exist", so the business app asks
 * GET /api/auth/me (401 when anonymous) only then; the server never trusts the hint.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { problem } from '../problem';
import type { User } from '../store/port';
import { SESSION_HINT_COOKIE } from '../../data/wire';
import { isStoreOutage } from '../store/errors';
import { isHttps } from './request';

export const SESSION_COOKIE = 'yz_session';
/** Not HttpOnly, value "1": read by web/business/lib/api.ts (hasSessionHint). */
export { SESSION_HINT_COOKIE };
/** Over https the session cookie is `__Host-yz_session`: Secure, Path=/, no Domain, so no subdomain can set it. */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const SESSION = {
  lifetimeMs: 30 * 24 * 3600_000, // a session ends 30 days after its last use…
  absoluteMs: 90 * 24 * 3600_000, // …and 90 days after sign-in however much it is used
  extendAfterMs: 24 * 3600_000, // the expiry moves forward at most once a day (one write a day)
};

const cookieName = (c: Context) => (isHttps(c) ? HOST_SESSION_COOKIE : SESSION_COOKIE);
const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

/** The app's variables plus the signed-in user (null when anonymous). */
export interface AuthEnv {
  Variables: AppEnv['Variables'] & { user: User | null; sessionHash: string | null };
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

function setSessionCookie(c: Context, token: string, expires: Date) {
  const options = {
    sameSite: 'Lax', path: '/', secure: isHttps(c), expires, maxAge: Math.floor(SESSION.lifetimeMs / 1000),
  } as const;
  setCookie(c, cookieName(c), token, { ...options, httpOnly: true });
  setCookie(c, SESSION_HINT_COOKIE, '1', options);
}

const clearHint = (c: Context) => deleteCookie(c, SESSION_HINT_COOKIE, { path: '/', sameSite: 'Lax', secure: isHttps(c) });

/** Starts a session for `user`: stores the token's hash and sets the cookie. */
export async function startSession(c: Context<AuthEnv>, user: User): Promise<void> {
  const { store, clock } = c.get('deps');
  const old = c.get('sessionHash');
  if (old) await store.deleteSession(old); // a new sign-in never reuses a token (no session fixation)
  const token = randomBytes(32).toString('base64url');
  const now = clock();
  const expires = new Date(now.getTime() + SESSION.lifetimeMs);
  await store.createSession(sha256(token), user.id, now.toISOString(), expires.toISOString());
  setSessionCookie(c, token, expires);
  c.set('user', user);
}

/** Ends the current session on the server and clears both cookies. */
export async function endSession(c: Context<AuthEnv>): Promise<void> {
  const hash = c.get('sessionHash');
  if (hash) await c.get('deps').store.deleteSession(hash);
  deleteCookie(c, cookieName(c), { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
  clearHint(c);
  c.set('user', null);
  c.set('sessionHash', null);
}

/** Moves a session's expiry; a busy or read-only store skips it (a read must not fail for it). */
async function extend(store: AppEnv['Variables']['deps']['store'], hash: string, expires: Date): Promise<boolean> {
  try {
    await store.extendSession(hash, expires.toISOString());
    return true;
  } catch (err) {
    if (isStoreOutage(err)) return false;
    throw err;
  }
}

/** Loads the signed-in user from the cookie (sliding expiry); private responses are never cached. */
export const loadSession: MiddlewareHandler<AuthEnv> = async (c, next) => {
  c.set('user', null);
  c.set('sessionHash', null);
  const token = getCookie(c, cookieName(c));
  if (token && TOKEN.test(token)) {
    const { store, clock } = c.get('deps');
    const hash = sha256(token);
    const now = clock();
    const found = await store.sessionUser(hash, now.toISOString());
    if (found) {
      c.set('user', found.user);
      c.set('sessionHash', hash);
      const end = Date.parse(found.startedAt) + SESSION.absoluteMs; // never extended past this
      const expires = new Date(Math.min(now.getTime() + SESSION.lifetimeMs, end));
      if (expires.getTime() - Date.parse(found.expiresAt) >= SESSION.extendAfterMs && (await extend(store, hash, expires))) {
        setSessionCookie(c, token, expires);
      }
    }
  }
  // a hint that outlived its session (expired, signed out elsewhere) goes, so the app stops asking
  if (!c.get('user') && getCookie(c, SESSION_HINT_COOKIE) !== undefined) clearHint(c);
  await next();
  c.header('Cache-Control', 'private, no-store');
};

/** 401 unless someone is signed in. */
export const requireUser: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (!c.get('user')) return problem(c, 401, 'Sign in first.');
  return next();
};

/** 401 when anonymous, 403 unless the account is an admin. */
export const requireAdmin: MiddlewareHandler<AuthEnv> = async (c, next) => {
  const user = c.get('user');
  if (!user) return problem(c, 401, 'Sign in first.');
  if (user.role !== 'admin') return problem(c, 403, 'This needs an admin account.');
  return next();
};

/** The signed-in user (call only behind requireUser/requireAdmin). */
export function currentUser(c: Context<AuthEnv>): User {
  const user = c.get('user');
  if (!user) throw new Error('currentUser() outside requireUser');
  return user;
}
