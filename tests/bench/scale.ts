/**
 * npm run bench scale: the national set-up on loopback — PostgreSQL + PostGIS, two API processes
 * (the built server) behind nginx — at BENCH_STATIONS stations (default 400 k), against SQLite in
 * one process behind the same nginx. Measures the SQLite → PostgreSQL copy, cold start and RSS
 * of a replica, an open-loop mixed read load at BENCH_RATE req/s (default 500) for BENCH_SECONDS
 * (default 45) with a trickle of writes (reports, admin station moves, merchant edits), how long a
 * write through one process takes to be served by the other, and what a listing rebuild costs.
 *
 * Latencies of the read load are measured from each request's scheduled start (open loop: a slow
 * answer delays nothing else, queueing in the client counts), so they are honest under overload.
 * Writes go to the replicas' own ports: through nginx every request comes from 127.0.0.1 and the
 * per-address report limit (30 per 10 min) would answer 429 after the 30th report; direct, the
 * replica believes X-Forwarded-For from loopback and each report carries an address of its own.
 * Needs PostgreSQL with PostGIS (YIZHAN_TEST_DATABASE_URL, default postgres://yizhan:yizhan@127.0.0.1:5432/postgres)
 * and nginx (/usr/sbin/nginx).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount } from '../../api/auth/accounts';
import { buildListing } from '../../api/listing';
import { copySqliteToPg } from '../../api/store/copy';
import { openPgStore } from '../../api/store/pg';
import { openSqliteStore } from '../../api/store/sqlite';
import type { Store } from '../../api/store/port';
import { DEMO_CITIES } from '../../data/demo/cities';
import { makeDb } from './api';
import type { Row } from './table';

const SERVER = 'dist/server/main.js';
const NGINX = '/usr/sbin/nginx';
const PORT_A = 18801;
const PORT_B = 18802;
const PORT_SQLITE = 18803;
const RATE = Number(process.env.BENCH_RATE ?? 500); // read requests per second, open loop
const SECONDS = Number(process.env.BENCH_SECONDS ?? 45); // length of each mixed load
const PASSWORD = 'bench horse battery staple';
const ADMIN = 'bench-admin@example.org';
const MERCHANT = 'bench-merchant@example.org';
const QUIET_SAMPLES = 10; // write → other process, with no load
const POLL_MS = 20; // how often the other process is asked whether it serves a write
const VISIBLE_TIMEOUT_MS = 10_000;
const DRAIN_MS = 10_000; // after the last scheduled read, how long answers are awaited; later ones count as unanswered

const pct = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]) => pct(sorted(xs), 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const k = (n: number) => `${Math.round(n / 1000)} k`;

// ---------------------------------------------------------------- HTTP

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

const control = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One request (keep-alive); never rejects: a network error is status 0. */
function request(port: number, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; agent?: http.Agent } = {}): Promise<Answer> {
  const t0 = performance.now();
  const headers: Record<string, string> = { ...opts.headers };
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: opts.agent ?? control, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers, ms: performance.now() - t0 }));
      res.on('error', () => resolve({ status: 0, body: '', headers: {}, ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', headers: {}, ms: performance.now() - t0 }));
    req.end(body);
  });
}

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// ---------------------------------------------------------------- processes

const children = new Set<ChildProcess>();

function startProcess(cmd: string, args: string[], env: Record<string, string>, label: string): ChildProcess {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  // keep the server's own warnings visible, but not its start-up line
  child.stdout!.on('data', () => {});
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${label}] ${d}`));
  return child;
}

/** Stops a child: SIGTERM, SIGKILL after 3 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(t);
}

/** Spawns a server and waits for GET /api/ready 200: the cold start, in ms. */
async function startServer(env: Record<string, string>, port: number, label: string): Promise<{ child: ChildProcess; coldMs: number }> {
  const t0 = performance.now();
  const child = startProcess(process.execPath, [SERVER], { PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', ...env }, label);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode} before it was ready`);
    const r = await request(port, 'GET', '/api/ready');
    if (r.status === 200) return { child, coldMs: performance.now() - t0 };
    await sleep(25);
  }
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** CPU seconds a process has used (user + system). */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 a second on Linux)
}

/** Waits until the processes are idle (< 5 % of a core each over a second): the rebuilds queued by a load are done. At most `maxMs`. */
async function waitIdle(pids: number[], maxMs = 180_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const before = pids.map(cpuSeconds);
    await sleep(1000);
    if (pids.every((pid, i) => cpuSeconds(pid) - before[i] < 0.05)) break;
  }
  return performance.now() - t0;
}

/** The clusters, filter trees and caches a served process has built after its first requests. */
async function warmUp(port: number): Promise<void> {
  await request(port, 'GET', '/api/stations?bbox=70,15,140,55&zoom=4');
  for (let i = 0; i < 50; i++) await request(port, 'GET', readPath()[1]);
}

/** An http-only variant of deploy/nginx.conf: the same upstream and proxy settings, on loopback. */
function nginxConf(dir: string, pgPort: number, sqlitePort: number): string {
  const proxy = `
        gzip off;
        client_max_body_size 33m;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        # deploy/nginx.conf sends $host (no port): right on 443, but on a non-default port the
        # API's same-origin check would then refuse writes made through the proxy
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 2s;
        proxy_send_timeout 60s;
        proxy_read_timeout 60s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 2;
        proxy_next_upstream_timeout 5s;`;
  return `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    upstream yizhan_api {
        server 127.0.0.1:${PORT_A} max_fails=2 fail_timeout=5s;
        server 127.0.0.1:${PORT_B} max_fails=2 fail_timeout=5s;
        keepalive 32;
    }
    upstream yizhan_sqlite {
        server 127.0.0.1:${PORT_SQLITE} max_fails=2 fail_timeout=5s;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:${pgPort};${proxy}
        location / { proxy_pass http://yizhan_api; }
    }
    server {
        listen 127.0.0.1:${sqlitePort};${proxy}
        location / { proxy_pass http://yizhan_sqlite; }
    }
}
`;
}

// ---------------------------------------------------------------- the read mix

/** A random place where the demo data is: around a demo city (most riders are in towns), sometimes anywhere in its extent. */
function place(): { lat: number; lng: number } {
  if (Math.random() < 0.25) return { lat: 22 + Math.random() * 18, lng: 100 + Math.random() * 20 };
  const c = DEMO_CITIES[Math.floor(Math.random() * DEMO_CITIES.length)];
  const gauss = () => (Math.random() + Math.random() + Math.random() - 1.5) * 2; // ≈ N(0, 1)
  return { lat: c.lat + (gauss() * 15) / 111, lng: c.lng + (gauss() * 15) / 100 };
}

let stationCount = 0; // ids demo-s-000000 … demo-s-(n-1)
const stationId = (i = Math.floor(Math.random() * stationCount)) => `demo-s-${String(i).padStart(6, '0')}`;
/** Searches: the broad "驿站" (in most station names: every match is ranked by distance) and selective city names. */
const searchTerm = () => (Math.random() < 0.5 ? '驿站' : DEMO_CITIES[Math.floor(Math.random() * DEMO_CITIES.length)].name);

const READ_KINDS = ['nearest', 'viewport', 'search', 'by id'] as const;

/** One read of the mix: [kind, path]. nearest 40 %, viewport 30 %, search 15 %, by id 15 %. */
function readPath(only?: string): [string, string] {
  const r = only ? [0.2, 0.5, 0.8, 0.9][READ_KINDS.indexOf(only as (typeof READ_KINDS)[number])] : Math.random();
  const p = place();
  if (r < 0.4) return ['nearest', `/api/stations/nearest?lat=${p.lat.toFixed(5)}&lng=${p.lng.toFixed(5)}&limit=10`];
  if (r < 0.7) {
    // a phone-sized map (≈ 400 × 800 px of 256 px tiles) at a random zoom from the country to a street
    const zoom = 4 + Math.floor(Math.random() * 13);
    const w = (360 / 2 ** zoom) * (400 / 256);
    const h = w * 2 * Math.cos((p.lat * Math.PI) / 180);
    const bbox = [p.lng - w / 2, p.lat - h / 2, p.lng + w / 2, p.lat + h / 2].map((x) => x.toFixed(5)).join(',');
    return [`viewport`, `/api/stations?bbox=${bbox}&zoom=${zoom}`];
  }
  if (r < 0.85) {
    const q = encodeURIComponent(searchTerm());
    return ['search', `/api/search?q=${q}&lat=${p.lat.toFixed(5)}&lng=${p.lng.toFixed(5)}`];
  }
  return ['by id', `/api/stations/${stationId()}`];
}

interface LoadResult {
  latency: number[]; // ms from scheduled start, every request answered
  byKind: Map<string, number[]>;
  errors: Map<string, number>; // status (0: network error/timeout) → count, for non-2xx
  ok: number; // 2xx answers
  seconds: number; // from the first scheduled request to the last answer
  lagMax: number; // the generator's own worst delay in sending (ms)
}

/** The open-loop read load: RATE requests a second for SECONDS through `port`, latency from the scheduled start. */
function readLoad(port: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(RATE * SECONDS);
  const out: LoadResult = { latency: [], byKind: new Map(), errors: new Map(), ok: 0, seconds: 0, lagMax: 0 };
  const t0 = performance.now();
  let sent = 0;
  let done = 0;
  return new Promise((resolve) => {
    let over = false;
    const finish = () => {
      if (over) return;
      over = true;
      clearTimeout(deadline);
      out.seconds = (performance.now() - t0) / 1000;
      if (done < total) out.errors.set('unanswered at the end', total - done);
      agent.destroy();
      resolve(out);
    };
    // an overloaded server must not stretch the run without end
    const deadline = setTimeout(finish, SECONDS * 1000 + DRAIN_MS);
    const record = (kind: string, intended: number, status: number) => {
      if (over) return;
      const ms = performance.now() - intended;
      out.latency.push(ms);
      let list = out.byKind.get(kind);
      if (!list) out.byKind.set(kind, (list = []));
      list.push(ms);
      if (status >= 200 && status <= 299) out.ok++;
      else out.errors.set(String(status), (out.errors.get(String(status)) ?? 0) + 1);
      if (++done === total) finish();
    };
    const fire = (intended: number) => {
      const [kind, path] = readPath();
      out.lagMax = Math.max(out.lagMax, performance.now() - intended);
      let ended = false;
      const end = (status: number) => !ended && ((ended = true), record(kind, intended, status));
      const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: 10_000 }, (res) => {
        res.on('data', () => {});
        res.on('end', () => end(res.statusCode ?? 0));
        res.on('error', () => end(0));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => end(0));
    };
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      while (sent < due) fire(t0 + (sent++ * 1000) / RATE);
      if (sent >= total) clearInterval(timer);
    }, 2);
  });
}

/** What one process answers of one kind of read alone: 8 closed loops for 3 s, req/s and median latency. */
async function capacity(port: number, kind: string): Promise<{ rate: number; p50: number }> {
  const until = performance.now() + 3000;
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (performance.now() < until) lat.push((await request(port, 'GET', readPath(kind)[1])).ms);
  }));
  return { rate: lat.length / ((performance.now() - t0) / 1000), p50: median(lat) };
}

// ---------------------------------------------------------------- writes

interface Session {
  admin: string; // cookie
  merchant: string;
  merchantId: string;
}

/** Signs both accounts in through `port` (Origin: that port, as a browser on it would send). */
async function signIn(port: number, merchantId: string): Promise<Session> {
  const cookie = async (email: string) => {
    const r = await request(port, 'POST', '/api/auth/login', { headers: { Origin: `http://127.0.0.1:${port}` }, body: { email, password: PASSWORD } });
    const m = /yz_session=([^;]*)/.exec(String(r.headers['set-cookie'] ?? ''));
    if (r.status !== 200 || !m) throw new Error(`sign-in of ${email} on :${port}: ${r.status} ${r.body.slice(0, 200)}`);
    return `yz_session=${m[1]}`;
  };
  return { admin: await cookie(ADMIN), merchant: await cookie(MERCHANT), merchantId };
}

interface WriteStats {
  ok: number;
  expected: Map<string, number>; // 409/429 by status
  errors: Map<string, number>; // anything else by "kind status"
  ms: Map<string, number[]>; // write latency by kind
}

const newWriteStats = (): WriteStats => ({ ok: 0, expected: new Map(), errors: new Map(), ms: new Map() });

function countWrite(stats: WriteStats, kind: string, r: Answer) {
  let list = stats.ms.get(kind);
  if (!list) stats.ms.set(kind, (list = []));
  list.push(r.ms);
  if (r.status >= 200 && r.status < 300) stats.ok++;
  else if (r.status === 409 || r.status === 429) stats.expected.set(String(r.status), (stats.expected.get(String(r.status)) ?? 0) + 1);
  else stats.errors.set(`${kind} ${r.status} ${r.body.slice(0, 120)}`, (stats.errors.get(`${kind} ${r.status} ${r.body.slice(0, 120)}`) ?? 0) + 1);
}

const randomAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** Reports every `everyMs`, alternating over `ports`, each from an address of its own; half are "confirmed" (a station write). */
async function reportLoop(until: number, ports: number[], everyMs: number, stats: WriteStats) {
  for (let i = 0; Date.now() < until; i++) {
    const next = Date.now() + everyMs;
    const kind = i % 2 === 0 ? 'confirmed' : ['other', 'not_found', 'wrong_location'][i % 3];
    const r = await request(ports[i % ports.length], 'POST', '/api/reports', {
      headers: { 'X-Forwarded-For': randomAddress() },
      body: { clientId: randomUUID(), targetType: 'station', targetId: stationId(), kind },
    });
    countWrite(stats, 'report', r);
    await sleep(next - Date.now());
  }
}

/** Merchant edits (phone: live without review) every `everyMs`, alternating over `ports`. */
async function merchantLoop(until: number, ports: number[], everyMs: number, s: Session, stats: WriteStats) {
  for (let i = 0; Date.now() < until; i++) {
    const next = Date.now() + everyMs;
    const port = ports[i % ports.length];
    const phone = `025-${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const r = await request(port, 'PATCH', `/api/my/merchants/${s.merchantId}`, { headers: { Origin: `http://127.0.0.1:${port}`, Cookie: s.merchant }, body: { phone } });
    countWrite(stats, 'merchant', r);
    await sleep(next - Date.now());
  }
}

/**
 * One admin station move through `writePort`, then polls `readPort`'s nearest at the new place
 * until it serves the station there. Returns [ms from sending the write until the other serves it, write latency], or undefined.
 */
async function moveAndWatch(writePort: number, readPort: number, s: Session, stats: WriteStats): Promise<[number, number] | undefined> {
  let doc: { id: string; lat: number; lng: number; status: string } | undefined;
  for (let tries = 0; tries < 20 && !doc; tries++) {
    const r = await request(writePort, 'GET', `/api/stations/${stationId()}`);
    const st = r.status === 200 ? JSON.parse(r.body).station : undefined;
    if (st && st.status !== 'closed') doc = st;
  }
  if (!doc) throw new Error('no open station found to move');
  // a few hundred metres away, somewhere no other station is exactly
  const lat = Number((doc.lat + (Math.random() - 0.5) * 0.01).toFixed(6));
  const lng = Number((doc.lng + (Math.random() - 0.5) * 0.01).toFixed(6));
  const t0 = performance.now();
  const w = await request(writePort, 'PATCH', `/api/admin/stations/${doc.id}`, { headers: { Origin: `http://127.0.0.1:${writePort}`, Cookie: s.admin }, body: { lat, lng } });
  countWrite(stats, 'admin', w);
  if (w.status !== 200) return undefined;
  const deadline = t0 + VISIBLE_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const r = await request(readPort, 'GET', `/api/stations/nearest?lat=${lat}&lng=${lng}&limit=1`);
    if (r.status === 200) {
      const item = JSON.parse(r.body).items?.[0];
      if (item?.id === doc.id && Math.abs(item.lat - lat) < 1e-6 && Math.abs(item.lng - lng) < 1e-6) return [performance.now() - t0, w.ms];
    }
    await sleep(POLL_MS);
  }
  stats.errors.set('admin move not served by the other process within 10 s', (stats.errors.get('admin move not served by the other process within 10 s') ?? 0) + 1);
  return undefined;
}

/** Admin moves alternating between the two ports (write on one, watch the other), one after another with `pauseMs` between. */
async function adminLoop(until: number, pair: [number, number], pauseMs: number, s: Session, stats: WriteStats, visible: number[], writeMs: number[]) {
  for (let i = 0; Date.now() < until; i++) {
    const [w, r] = i % 2 === 0 ? pair : [pair[1], pair[0]];
    const got = await moveAndWatch(w, r, s, stats);
    if (got) {
      visible.push(got[0]);
      writeMs.push(got[1]);
    }
    await sleep(pauseMs);
  }
}

/** GET /api/ready on one process every 50 ms: its answers' latency shows how long the event loop was blocked. */
async function probeLoop(until: number, port: number, lat: number[]) {
  while (Date.now() < until) {
    const r = await request(port, 'GET', '/api/ready');
    lat.push(r.ms);
    await sleep(50);
  }
}

// ---------------------------------------------------------------- one mixed run

interface MixedRun {
  load: LoadResult;
  writes: WriteStats;
  visible: number[];
  adminMs: number[];
  probe: number[];
}

async function mixedRun(loadPort: number, writePorts: number[], s: Session): Promise<MixedRun> {
  const until = Date.now() + SECONDS * 1000;
  const writes = newWriteStats();
  const visible: number[] = [];
  const adminMs: number[] = [];
  const probe: number[] = [];
  const pair: [number, number] = writePorts.length > 1 ? [writePorts[0], writePorts[1]] : [writePorts[0], writePorts[0]];
  const [load] = await Promise.all([
    readLoad(loadPort),
    reportLoop(until, writePorts, 500, writes), // 2 reports/s, half of them "confirmed" (a station write)
    merchantLoop(until, writePorts, 1000, s, writes), // 1 merchant edit/s
    adminLoop(until, pair, 1000, s, writes, visible, adminMs), // an admin move, watched until served, then 1 s
    probeLoop(until, writePorts[writePorts.length - 1], probe),
  ]);
  return { load, writes, visible, adminMs, probe };
}

// ---------------------------------------------------------------- set-up

/** The accounts of the writes, and a demo merchant (approved) owned by the merchant account. */
async function addAccounts(path: string): Promise<string> {
  const store = openSqliteStore(path);
  try {
    const now = new Date();
    await createAccount(store, { email: ADMIN, password: PASSWORD, name: 'Bench admin', role: 'admin' }, now);
    const owner = await createAccount(store, { email: MERCHANT, password: PASSWORD, name: 'Bench merchant', role: 'merchant' }, now);
    for (let i = 0; i < 1000; i++) {
      const m = await store.merchantRecord(`demo-m-${String(i).padStart(6, '0')}`);
      if (m?.status === 'approved') {
        await store.upsertMerchants([{ ...m, owner_id: owner!.id }]);
        return m.id;
      }
    }
    throw new Error('no approved demo merchant');
  } finally {
    await store.close();
  }
}

/** What a listing rebuild costs in one process: read the index rows, build, warm (clusters, filter trees). Median of 3, ms. */
async function rebuildCost(store: Store): Promise<{ read: number; build: number; warm: number }> {
  const read: number[] = [];
  const build: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const cols = await store.stationIndex();
    const t1 = performance.now();
    const listing = buildListing(cols, 'stations');
    const t2 = performance.now();
    listing.warm();
    const t3 = performance.now();
    read.push(t1 - t0);
    build.push(t2 - t1);
    warm.push(t3 - t2);
  }
  return { read: median(read), build: median(build), warm: median(warm) };
}

// ---------------------------------------------------------------- the bench

/** The scale numbers: PostgreSQL ×2 behind nginx, and SQLite ×1 behind the same nginx. */
export async function benchScale(): Promise<Row[]> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build:api first`);
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx`);
  process.env.YIZHAN_TEST_DATABASE_URL ||= 'postgres://yizhan:yizhan@127.0.0.1:5432/postgres';
  const { freshPgUrl } = await import('../pg'); // reads the variable when loaded
  const n = Number(process.env.BENCH_STATIONS ?? 400_000);
  stationCount = n;
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-scale-'));
  const web = join(dir, 'web');
  mkdirSync(web);
  let pg: Awaited<ReturnType<typeof freshPgUrl>> | undefined;
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  async function cleanup() {
    await Promise.all([...children].map(stop));
    control.destroy();
    await pg?.drop().catch((e: Error) => console.error(`could not drop ${pg?.url}: ${e.message}`));
    pg = undefined;
    rmSync(dir, { recursive: true, force: true });
  }
  const loadBefore = loadavg()[0];
  const rows: Row[] = [];
  const log = (s: string) => console.log(`  scale: ${s}`);
  try {
    // --- data: SQLite file, accounts, the copy to PostgreSQL
    let t = performance.now();
    const db = await makeDb(dir, n);
    const merchantId = await addAccounts(db);
    log(`SQLite file with ${k(n)} stations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    pg = await freshPgUrl();
    t = performance.now();
    const copied = await copySqliteToPg(db, pg.url);
    const copyS = (performance.now() - t) / 1000;
    log(`store:copy ${copied.stations} stations, ${copied.merchants} merchants in ${copyS.toFixed(1)} s`);
    rows.push({ name: `store:copy SQLite → PostgreSQL (${k(n)} stations)`, value: copyS, unit: 's', note: `${Object.values(copied).reduce((a, b) => a + b, 0)} rows, one transaction` });

    // --- rebuild cost, measured in this process against each store (what a write costs each replica)
    const pgStore = await openPgStore(pg.url, { listen: false });
    const pgCost = await rebuildCost(pgStore);
    await pgStore.close();
    const liteStore = openSqliteStore(db);
    const liteCost = await rebuildCost(liteStore);
    await liteStore.close();

    // --- PostgreSQL: two replicas, nginx
    const env = { DATABASE_URL: pg.url, WEB_ROOT: web };
    const a = await startServer(env, PORT_A, 'A');
    const b = await startServer(env, PORT_B, 'B');
    log(`replicas ready in ${Math.round(a.coldMs)} / ${Math.round(b.coldMs)} ms`);
    const [pgPort, litePort] = [await freePort(), await freePort()];
    const ngx = join(dir, 'nginx');
    mkdirSync(ngx);
    writeFileSync(join(ngx, 'nginx.conf'), nginxConf(ngx, pgPort, litePort));
    const nginx = startProcess(NGINX, ['-p', ngx, '-e', join(ngx, 'error.log'), '-c', join(ngx, 'nginx.conf'), '-g', 'daemon off;'], {}, 'nginx');
    for (let i = 0; (await request(pgPort, 'GET', '/api/ready')).status !== 200; i++) {
      if (i > 200 || nginx.exitCode !== null) throw new Error(`nginx did not come up: ${readFileSync(join(ngx, 'error.log'), 'utf8')}`);
      await sleep(25);
    }
    await Promise.all([warmUp(PORT_A), warmUp(PORT_B)]);
    const rssWarm = [rssMb(a.child.pid!), rssMb(b.child.pid!)];
    const session = await signIn(PORT_A, merchantId); // the sessions live in PostgreSQL: they work on B too
    const pgCapacity = new Map<string, { rate: number; p50: number }>();
    for (const kind of READ_KINDS) pgCapacity.set(kind, await capacity(PORT_A, kind));

    log(`PostgreSQL: ${RATE} req/s for ${SECONDS} s through nginx, writes on both replicas`);
    const pgRun = await mixedRun(pgPort, [PORT_A, PORT_B], session);
    const rssEnd = [rssMb(a.child.pid!), rssMb(b.child.pid!)];
    const pgBacklogMs = await waitIdle([a.child.pid!, b.child.pid!]); // the rebuilds the load's writes queued
    const quiet: number[] = [];
    const quietStats = newWriteStats();
    for (let i = 0; i < QUIET_SAMPLES; i++) {
      const got = await moveAndWatch(i % 2 ? PORT_B : PORT_A, i % 2 ? PORT_A : PORT_B, session, quietStats);
      if (got) quiet.push(got[0]);
      await sleep(500);
    }
    await Promise.all([stop(a.child), stop(b.child)]);

    // --- SQLite: one process behind the same nginx
    const lite = await startServer({ DATABASE_PATH: db, WEB_ROOT: web }, PORT_SQLITE, 'sqlite');
    await warmUp(PORT_SQLITE);
    const rssLite = rssMb(lite.child.pid!);
    const liteSession = await signIn(PORT_SQLITE, merchantId);
    const liteCapacity = new Map<string, { rate: number; p50: number }>();
    for (const kind of READ_KINDS) liteCapacity.set(kind, await capacity(PORT_SQLITE, kind));
    log(`SQLite: ${RATE} req/s for ${SECONDS} s through nginx, writes on the one process`);
    const liteRun = await mixedRun(litePort, [PORT_SQLITE], liteSession);
    const rssLiteEnd = rssMb(lite.child.pid!);
    const liteBacklogMs = await waitIdle([lite.child.pid!]);
    await stop(lite.child);

    // --- the table
    const bothRuns = (label: string, f: (r: MixedRun) => number, unit: string, note = '') => {
      rows.push({ name: `${label} — PostgreSQL ×2 + nginx`, value: f(pgRun), unit, note });
      rows.push({ name: `${label} — SQLite ×1 + nginx`, value: f(liteRun), unit });
    };
    const readP = (r: MixedRun, p: number) => pct(sorted(r.load.latency), p);
    const errs = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
    const describe = (m: Map<string, number>) => [...m].map(([s, c]) => `${s}: ${c}`).join('; ');
    rows.push(
      { name: 'machine: cores / 1-min load average before the bench', value: cpus().length, unit: 'cores', note: `load ${loadBefore.toFixed(2)} (shared machine: others' processes count too)` },
      { name: `cold start replica A (${k(n)}, spawn → /api/ready 200)`, value: Math.round(a.coldMs), unit: 'ms', note: 'bar ≤ 3000 ms' },
      { name: `cold start replica B (A serving)`, value: Math.round(b.coldMs), unit: 'ms', note: 'bar ≤ 3000 ms' },
      { name: `cold start SQLite (same ${k(n)} file)`, value: Math.round(lite.coldMs), unit: 'ms' },
      { name: 'RSS replica A / B after warm-up', value: Math.round(Math.max(...rssWarm)), unit: 'MB', note: `${rssWarm.map(Math.round).join(' / ')} MB; bar ≤ 300 MB` },
      { name: 'RSS replica A / B after the mixed load', value: Math.round(Math.max(...rssEnd)), unit: 'MB', note: `${rssEnd.map(Math.round).join(' / ')} MB` },
      { name: 'RSS SQLite after warm-up / after load', value: Math.round(rssLiteEnd), unit: 'MB', note: `${Math.round(rssLite)} / ${Math.round(rssLiteEnd)} MB` },
    );
    for (const kind of READ_KINDS) {
      const [p, l] = [pgCapacity.get(kind)!, liteCapacity.get(kind)!];
      rows.push({ name: `one process, ${kind} alone: capacity — PostgreSQL A`, value: p.rate, unit: 'req/s', note: `8 closed loops, 3 s, direct; p50 ${p.p50.toFixed(1)} ms` });
      rows.push({ name: `one process, ${kind} alone: capacity — SQLite`, value: l.rate, unit: 'req/s', note: `p50 ${l.p50.toFixed(1)} ms` });
    }
    bothRuns(`reads answered (${RATE}/s asked, ${SECONDS} s)`, (r) => r.load.ok / r.load.seconds, 'req/s', 'answered 2xx; nearest 40 %, viewport 30 %, search 15 % (half "驿站", half a city name), by id 15 %');
    bothRuns('read p50 (from scheduled start)', (r) => readP(r, 50), 'ms');
    bothRuns('read p99', (r) => readP(r, 99), 'ms', 'bar ≤ 100 ms');
    bothRuns('read max', (r) => readP(r, 100), 'ms');
    bothRuns('read errors (non-2xx, network)', (r) => errs(r.load.errors), '', describe(pgRun.load.errors) || 'none');
    for (const kind of ['nearest', 'viewport', 'search', 'by id']) {
      const p50 = (r: MixedRun) => pct(sorted(r.load.byKind.get(kind) ?? []), 50).toFixed(1);
      bothRuns(`  ${kind} p99`, (r) => pct(sorted(r.load.byKind.get(kind) ?? []), 99), 'ms', `p50 ${p50(pgRun)} ms (PostgreSQL), ${p50(liteRun)} ms (SQLite)`);
    }
    bothRuns('load generator worst send lag', (r) => r.load.lagMax, 'ms', 'the generator shares the 2 cores');
    bothRuns('writes acknowledged (2xx)', (r) => r.writes.ok, '', 'reports 2/s (half confirmed), merchant edits 1/s, admin moves');
    bothRuns('writes 409/429 (expected by contract)', (r) => errs(r.writes.expected), '', describe(pgRun.writes.expected));
    bothRuns('write errors (other)', (r) => errs(r.writes.errors), '', describe(pgRun.writes.errors) || 'none');
    for (const kind of ['report', 'merchant', 'admin']) {
      bothRuns(`  ${kind} write p50`, (r) => median(r.writes.ms.get(kind) ?? []), 'ms', `p99 ${pct(sorted(pgRun.writes.ms.get(kind) ?? []), 99).toFixed(0)} ms (PostgreSQL)`);
    }
    bothRuns('probe /api/ready p99 (event-loop stalls)', (r) => pct(sorted(r.probe), 99), 'ms', `max ${Math.max(...pgRun.probe).toFixed(0)} ms (PostgreSQL B); every 50 ms`);
    rows.push({ name: 'after the load, until the processes idle — PostgreSQL A+B', value: pgBacklogMs / 1000, unit: 's', note: `queued listing rebuilds still running${pgBacklogMs >= 180_000 ? '; gave up waiting: still busy' : ''}` });
    rows.push({ name: 'after the load, until the process idles — SQLite', value: liteBacklogMs / 1000, unit: 's', note: liteBacklogMs >= 180_000 ? 'gave up waiting: still busy' : '' });
    rows.push(
      { name: 'write on one → served by the other, under load: p50', value: pgRun.visible.length ? median(pgRun.visible) : -1, unit: 'ms', note: `${pgRun.visible.length} admin moves${pgRun.visible.length ? '' : ' made and served (-1: none)'}, from sending the write; target < 1000 ms, bar 2000 ms` },
      { name: '  same, max', value: pgRun.visible.length ? Math.max(...pgRun.visible) : -1, unit: 'ms' },
      { name: `write on one → served by the other, quiet: p50`, value: quiet.length ? median(quiet) : -1, unit: 'ms', note: `${quiet.length} of ${QUIET_SAMPLES} samples${errs(quietStats.errors) ? `; ${describe(quietStats.errors)}` : ''}` },
      { name: '  same, max', value: quiet.length ? Math.max(...quiet) : -1, unit: 'ms' },
      { name: `station listing rebuild ${k(n)}: read index — PostgreSQL`, value: pgCost.read, unit: 'ms', note: 'each add, delete or closure, on every replica (a move rebuilds from the listing in hand, an edit is patched in place)' },
      { name: `  build — PostgreSQL`, value: pgCost.build, unit: 'ms', note: 'in the server: in turns of ≤ 8 ms, as is warm' },
      { name: `  warm (clusters, filter trees) — PostgreSQL`, value: pgCost.warm, unit: 'ms', note: 'built before a rebuilt listing serves, when the one it replaces had them' },
      { name: `station listing rebuild ${k(n)}: read index — SQLite`, value: liteCost.read, unit: 'ms' },
      { name: `  build — SQLite`, value: liteCost.build, unit: 'ms' },
      { name: `  warm — SQLite`, value: liteCost.warm, unit: 'ms' },
    );
    return rows;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
