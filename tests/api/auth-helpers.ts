/**
 * Test harness for the account routes: the real app on a temp SQLite file with a clock the test
 * moves, plus helpers that sign up, sign in and send same-origin JSON requests with the cookie.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app';
import { createAccount } from '../../api/auth/accounts';
import { loadConfig, type Config } from '../../api/config';
import { createListings, type Listings } from '../../api/listings';
import type { Store } from '../../api/store/port';
import { openTestStore } from './test-store';
import type { Merchant, Station } from '../../data/schema';
import { NOW } from './helpers';

/** The app's own origin under app.request() (http://localhost/...). */
export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';

export interface AuthEnv {
  app: ReturnType<typeof createApp>;
  store: Store;
  dir: string;
  dbPath: string;
  /** Moves the app's clock forward. */
  advance(ms: number): void;
  now(): Date;
  /** another connection to the same database (as another process would have) */
  another(): Promise<Store>;
  /** the app's in-memory listings */
  listings: Listings;
  close(): Promise<void>;
}

/** A fresh store with the given records, and the app over it with a movable clock. */
export async function authEnv(stations: Station[] = [], merchants: Merchant[] = [], configOver: Partial<Config> = {}): Promise<AuthEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-auth-'));
  const { store, where, another, drop } = await openTestStore(dir);
  const dbPath = where.databasePath;
  if (stations.length) await store.upsertStations(stations);
  if (merchants.length) await store.upsertMerchants(merchants);
  let now = NOW;
  const config = { ...loadConfig({}), ...where, webRoot: join(dir, 'no-web'), membershipKeyPath: join(dir, 'no-keys.json'), ...configOver };
  const listings = await createListings(store, { checkIntervalMs: 60_000 }); // writes must refresh it themselves
  const app = createApp({ store, config, listings, clock: () => now });
  return {
    app, store, dir, dbPath, another, listings,
    advance: (ms) => void (now = new Date(now.getTime() + ms)),
    now: () => now,
    close: async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Sent {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  res: Response;
}

export interface SendOptions {
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** false: send no Origin header */
  origin?: string | false;
}

/** One request: JSON body, same-origin Origin header unless told otherwise, the session cookie. */
export async function send(env: AuthEnv, method: string, path: string, opts: SendOptions = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.origin !== false) headers.Origin = opts.origin ?? ORIGIN;
  if (opts.cookie) headers.Cookie = opts.cookie;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await env.app.request(path, { method, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, res, body: text && type.includes('json') ? JSON.parse(text) : text };
}

/** The `name=value` part of the session cookie a response set. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const m = /yz_session=([^;]*)/.exec(set);
  if (!m || !m[1]) throw new Error(`no session cookie in "${set}"`);
  return `yz_session=${m[1]}`;
}

/** Signs up a merchant account; resolves to its cookie and user. */
export async function signUp(env: AuthEnv, email: string, name = '测试商户') {
  const r = await send(env, 'POST', '/api/auth/register', { body: { email, password: PASSWORD, name } });
  if (r.status !== 201) throw new Error(`register ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return { cookie: sessionCookie(r.res), user: r.body.user as { id: string; email: string } };
}

/** Creates an admin account directly in the store (as the CLI does) and signs it in. */
export async function signInAdmin(env: AuthEnv, email = 'admin@example.org') {
  await createAccount(env.store, { email, password: PASSWORD, name: 'Admin', role: 'admin' }, env.now());
  const r = await send(env, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  if (r.status !== 200) throw new Error(`admin login: ${r.status}`);
  return { cookie: sessionCookie(r.res), user: r.body.user as { id: string; email: string } };
}

/** A valid new shop body. */
export const shopBody = (over: Record<string, unknown> = {}) => ({
  name: '老王轮胎', category: 'tires', lat: 32.06, lng: 118.79, address: '南京市鼓楼区中山路1号', phone: '025-12345678', ...over,
});

/** A valid new offer body. */
export const offerBody = (over: Record<string, unknown> = {}) => ({ title: '会员九折', kind: 'percent_off', value: 10, ...over });
