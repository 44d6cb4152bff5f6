/**
 * Real API processes for the PostgreSQL tests: the built server (dist/server/main.js, as
 * `npm start` runs it) spawned with DATABASE_URL, and small HTTP helpers that send what a browser
 * would (the process's own Origin, the session cookie). Conditions are waited for by polling
 * (`until`), never by sleeping a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from '../e2e/app-server';

export const PASSWORD = 'correct horse battery';

/** The built server and PWA (ensureBuilt takes the build lock itself: one builder at a time across test files). */
export async function builtOnce(): Promise<void> {
  ensureBuilt();
}

/**
 * Polls `check` until it returns something truthy and resolves to that value and the time it took;
 * throws with `what` (and the last value or error seen) after `timeoutMs`.
 */
export async function until<T>(what: string, check: () => Promise<T>, { timeoutMs = 30_000, everyMs = 25 } = {}): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return { value, ms: performance.now() - start };
      last = value;
    } catch (err) {
      last = err;
    }
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not so within ${timeoutMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ApiProcess {
  name: string;
  url: string;
  /** the Origin a browser on this process's pages sends */
  origin: string;
  child: ChildProcess;
  /** everything the process printed */
  log(): string;
  /** resolves when the process has exited (at once if it already has) */
  exited(): Promise<void>;
  /** kill -9 */
  crash(): Promise<void>;
  /** SIGTERM, then SIGKILL if it is still there after 5 s */
  stop(): Promise<void>;
}

export interface ApiOptions {
  name: string;
  databaseUrl: string;
  /** demo stations seeded into an empty database (default 300) */
  demoStations?: number;
  env?: Record<string, string>;
}

/** Spawns the built server on a free port and resolves once it says where it is serving. */
export async function startApi(o: ApiOptions): Promise<ApiProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: '1',
    DEMO_STATIONS: String(o.demoStations ?? 300),
    WEB_ROOT: join(ROOT, 'dist/web'),
    MEMBERSHIP_KEY_PATH: join(ROOT, 'dist', 'no-membership-keys.json'),
    ...o.env,
  };
  const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist/server/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onData = (b: Buffer) => void (log += b.toString());
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const m = /serving on (http:\/\/\S+)/.exec(log);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', look);
    child.once('exit', (code, signal) => reject(new Error(`${o.name} exited (${code ?? signal}) before serving:\n${log}`)));
    setTimeout(() => reject(new Error(`${o.name} did not start in 90 s:\n${log}`)), 90_000).unref();
  }).catch(async (err) => {
    child.kill('SIGKILL');
    await gone;
    throw err;
  });
  const exited = () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : gone);
  return {
    name: o.name,
    url,
    origin: url,
    child,
    log: () => log,
    exited,
    async crash() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited();
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited();
      clearTimeout(t);
    },
  };
}

export interface Answer {
  status: number;
  type: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  res: Response;
  /** how long the request took, in ms */
  ms: number;
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  /** send this process's Origin (default: for anything but GET) */
  origin?: boolean;
  /** give up after this long (default 15 s): a hang fails the test instead of stalling it */
  timeoutMs?: number;
}

/** One request to `api`, parsed. */
export async function call(api: Pick<ApiProcess, 'url' | 'origin'>, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (o.origin ?? method !== 'GET') headers.Origin = api.origin;
  if (o.cookie) headers.Cookie = o.cookie;
  let body: string | undefined;
  if (o.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const start = performance.now();
  const res = await fetch(api.url + path, { method, headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 15_000) });
  const text = await res.text();
  const ms = performance.now() - start;
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: text && type.includes('json') ? JSON.parse(text) : text, res, ms };
}

/** The `yz_session=…` pair a response set. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const m = /yz_session=([^;]*)/.exec(set);
  if (!m || !m[1]) throw new Error(`no session cookie in "${set}"`);
  return `yz_session=${m[1]}`;
}

/** Signs in on `api`; resolves to the cookie and the user. */
export async function signIn(api: ApiProcess, email: string, password = PASSWORD) {
  const r = await call(api, 'POST', '/api/auth/login', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login on ${api.name}: ${r.status} ${JSON.stringify(r.body)}`);
  return { cookie: sessionCookie(r.res), user: r.body.user as { id: string; email: string; role: string } };
}

/** The names of the stations nearest to a point on `api` (its in-memory listing). */
export async function nearestNames(api: Pick<ApiProcess, 'url' | 'origin'>, lat: number, lng: number, limit = 5): Promise<{ status: number; names: string[]; ids: string[] }> {
  const r = await call(api, 'GET', `/api/stations/nearest?lat=${lat}&lng=${lng}&limit=${limit}`);
  const items = (r.status === 200 ? r.body.items : []) as { id: string; name: string }[];
  return { status: r.status, names: items.map((i) => i.name), ids: items.map((i) => i.id) };
}
