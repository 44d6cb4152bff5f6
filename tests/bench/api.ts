/**
 * Server benchmarks: HTTP throughput of /api/stations/nearest against a trivial Hono JSON route
 * and /api/health (autocannon, 50 connections, 100 k stations; at fixed places and at a new random
 * place for every request, as real traffic is: fixed ones hide per-station costs; each run taking
 * turns with /api/health, its yardstick), cold start and
 * memory at 400 k, the longest wait once warm (a stalled event loop), sync sizes for a 10 k province.
 * Servers run as child processes on the compiled output, as `npm start` runs them.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { syncBody } from '../../api/sync-body';
import { openSqliteStore } from '../../api/store/sqlite';
import { generateDemo } from '../../data/demo/generate';
import { canonicalStation } from '../../data/records';
import { median, type Row } from './table';

const SERVER = 'dist/server/main.js';

/** A database file with `n` demo stations (and n/5 merchants). */
export async function makeDb(dir: string, n: number): Promise<string> {
  const path = join(dir, `bench-${n}.db`);
  const store = openSqliteStore(path);
  const demo = generateDemo({ stations: n, merchants: Math.round(n / 50) });
  await store.upsertStations(demo.stations.map((s) => canonicalStation(s, s.updated_at)));
  await store.upsertMerchants(demo.merchants);
  await store.close();
  return path;
}

function startChild(args: string[], env: Record<string, string>): { child: ChildProcess; ready: Promise<number> } {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (/serving|listening/i.test(d.toString())) resolve(performance.now() - t0);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ready };
}

/** Resident memory of process `pid` in MB: now (VmRSS) or its peak so far (VmHWM). */
const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS') => {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** CPU seconds (user + system) process `pid` has used so far. */
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
};

/** Resolves once process `pid` has used under 5 % of a core for half a second, or after a minute. */
async function processQuiet(pid: number): Promise<void> {
  const end = Date.now() + 60_000;
  for (let last = cpuSeconds(pid); Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 500)); // the sampling interval of the condition
    const now = cpuSeconds(pid);
    if (now - last < 0.025) return;
    last = now;
  }
}

export interface Load {
  /** requests per second */
  rps: number;
  /** the server's CPU time per request, µs (steadier on a busy machine: the client's share is not in it) */
  cpuUs: number;
  /** requests answered, and the server's CPU seconds for them */
  requests: number;
  cpu: number;
}

/** Load on `url` (autocannon, 50 connections); `paths` makes each request's path (random places). */
export async function load(url: string, pid: number, seconds = 8, paths?: () => string, headers?: Record<string, string>): Promise<Load> {
  const requests = paths ? [{ setupRequest: (req: { path?: string }) => ({ ...req, path: paths() }) }] : undefined;
  const cpu0 = cpuSeconds(pid);
  const r = await autocannon({ url, connections: 50, duration: seconds, pipelining: 1, requests, headers });
  if (r.non2xx || r.errors) throw new Error(`errors during load on ${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  const cpu = cpuSeconds(pid) - cpu0;
  return { rps: r.requests.average, cpuUs: (cpu * 1e6) / r.requests.total, requests: r.requests.total, cpu };
}

/** Loads taken together: mean req/s of runs of equal length, CPU per request over all of them. */
function pooled(loads: Load[]): Load {
  const requests = loads.reduce((s, l) => s + l.requests, 0), cpu = loads.reduce((s, l) => s + l.cpu, 0);
  return { rps: loads.reduce((s, l) => s + l.rps, 0) / loads.length, cpuUs: (cpu * 1e6) / requests, requests, cpu };
}

/**
 * Load on a path of `url` (as `load`) against /api/health beside it: slices of 2 s taking turns
 * (health first), 8 s of each. The machine's speed drifts within minutes here (health read 8,459
 * req/s before one bench's runs and 13,899 after), so a ratio is only as good as how close in time
 * its two halves ran.
 */
async function beside(url: string, pid: number, path: string, paths?: () => string, headers?: Record<string, string>): Promise<[Load, Load]> {
  const health: Load[] = [], run: Load[] = [];
  for (let k = 0; k < SLICES; k++) {
    health.push(await load(`${url}/api/health`, pid, 8 / SLICES));
    run.push(await load(`${url}${path}`, pid, 8 / SLICES, paths, headers));
  }
  return [pooled(run), pooled(health)];
}

/** Slices of `beside`. */
const SLICES = 4;

/**
 * `lat=…&lng=…` of a different place for every call, uniform over eastern and central China
 * (lng 100–122°, lat 21–42°), from a seeded generator so runs are comparable.
 */
export function randomPlaces(seed: number): () => string {
  let x = seed >>> 0 || 1;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
  return () => `lat=${(21 + 21 * next()).toFixed(5)}&lng=${(100 + 22 * next()).toFixed(5)}`;
}

const TRIVIAL = `import { Hono } from 'hono'; import { serve } from '@hono/node-server';
const app = new Hono().get('/', (c) => c.json({ ok: true, n: 1 }));
serve({ fetch: app.fetch, port: 18788 }, () => console.log('listening'));`;

/** Throughput of nearest vs a trivial route, cold start and memory, sync sizes. */
export async function benchApi(): Promise<Row[]> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build:api first`);
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-bench-'));
  const rows: Row[] = [];
  try {
    const trivial = startChild(['--input-type=module', '-e', TRIVIAL], {});
    await trivial.ready;
    const base = (await load('http://127.0.0.1:18788/', trivial.child.pid!)).rps;
    trivial.child.kill();

    const db100k = await makeDb(dir, 100_000);
    const srv = startChild([SERVER], { DATABASE_PATH: db100k, PORT: '18787', SEED_DEMO: '0', WEB_ROOT: dir });
    await srv.ready;
    const on = (path: string, paths?: () => string, headers?: Record<string, string>) => beside('http://127.0.0.1:18787', srv.child.pid!, path, paths, headers);
    const rand = randomPlaces(1);
    const runs: [string, [Load, Load]][] = [
      ['nearest, one fixed place', await on('/api/stations/nearest?lat=32.06&lng=118.79&limit=10')],
      ['nearest, fixed, open=now+amenity', await on('/api/stations/nearest?lat=32.06&lng=118.79&limit=10&open=now&amenities=microwave')],
      // a station's row is encoded the first time it is served (api/items.ts): in this run, many of those answered are; in the next, few
      ['nearest, a random place each request, first 8 s', await on('/', () => `/api/stations/nearest?${rand()}&limit=10`)],
      ['same, once warm', await on('/', () => `/api/stations/nearest?${rand()}&limit=10`)],
      ['same, open=now+amenity', await on('/', () => `/api/stations/nearest?${rand()}&limit=10&open=now&amenities=microwave`)],
      ['same, fields=full (whole records)', await on('/', () => `/api/stations/nearest?${rand()}&limit=10&fields=full`)],
      ['same, compressed (gzip, deflate, br: as phones ask over HTTPS)', await on('/', () => `/api/stations/nearest?${rand()}&limit=10`, { 'accept-encoding': 'gzip, deflate, br' })],
      ['same, gzip only', await on('/', () => `/api/stations/nearest?${rand()}&limit=10`, { 'accept-encoding': 'gzip' })],
    ];
    srv.child.kill();
    const health = pooled(runs.map(([, [, h]]) => h)), healthRps = runs.map(([, [, h]]) => h.rps);
    const us = (l: Load) => `server ${l.cpuUs.toFixed(0)} µs CPU/request`;
    rows.push(
      { name: 'HTTP trivial Hono JSON route', value: Math.round(base), unit: 'req/s' },
      {
        name: 'HTTP /api/health (100 k)', value: Math.round(health.rps), unit: 'req/s',
        note: `${(health.rps / base).toFixed(2)}× trivial; ${us(health)}; beside each run below ${Math.round(Math.min(...healthRps))}–${Math.round(Math.max(...healthRps))}`,
      },
      ...runs.map(([name, [l, h]]) => ({
        name: `HTTP ${name}`, value: Math.round(l.rps), unit: 'req/s',
        note: `${(l.rps / h.rps).toFixed(2)}× the health beside it (bar ≥ 0.7×); ${us(l)} (${(h.cpuUs / l.cpuUs).toFixed(2)}× health's)`,
      })),
    );

    const db400k = await makeDb(dir, 400_000);
    // identical starts differ by hundreds of ms here (page cache, page faults): the median of a few, the last kept running
    const starts: { ms: number; cpu: number }[] = [];
    for (let k = 1; k < COLD_STARTS; k++) {
      const s = startChild([SERVER], { DATABASE_PATH: db400k, PORT: String(18789 + k), SEED_DEMO: '0', WEB_ROOT: dir });
      starts.push({ ms: await s.ready, cpu: cpuSeconds(s.child.pid!) });
      const exited = new Promise((resolve) => s.child.once('exit', resolve));
      s.child.kill();
      await exited;
    }
    const cold = startChild([SERVER], { DATABASE_PATH: db400k, PORT: '18789', SEED_DEMO: '0', WEB_ROOT: dir });
    starts.push({ ms: await cold.ready, cpu: cpuSeconds(cold.child.pid!) }); // CPU: steadier than wall time on a busy machine
    await fetch('http://127.0.0.1:18789/api/stations?bbox=70,15,140,55&zoom=4'); // clusters built
    const rss = rssMb(cold.child.pid!);
    await processQuiet(cold.child.pid!); // the rest of its warm-up (nearest filter trees) done
    const peak = rssMb(cold.child.pid!, 'VmHWM');
    const stall = await longestWait('http://127.0.0.1:18789/api/health', STALL_PROBE_S);
    // real traffic: random places, each station's row encoded once (api/items.ts) and garbage left for V8 to collect
    const traffic = randomPlaces(2);
    const trafficRps: number[] = [];
    for (let k = 0; k < TRAFFIC_RUNS; k++) trafficRps.push((await load('http://127.0.0.1:18789/', cold.child.pid!, 8, () => `/api/stations/nearest?${traffic()}&limit=10`)).rps);
    const [trafficRss, trafficPeak] = [rssMb(cold.child.pid!), rssMb(cold.child.pid!, 'VmHWM')];
    cold.child.kill();
    rows.push(
      {
        name: `cold start 400 k (spawn → listening), median of ${COLD_STARTS}`, value: Math.round(median(starts.map((s) => s.ms))), unit: 'ms',
        note: `bar ≤ 2000 ms; runs ${starts.map((s) => Math.round(s.ms)).join(' / ')} ms, CPU ${starts.map((s) => Math.round(s.cpu * 1000)).join(' / ')} ms`,
      },
      { name: 'memory 400 k after clusters (RSS)', value: Math.round(rss), unit: 'MB', note: 'bar ≤ 300 MB' },
      { name: 'memory 400 k, peak once warm (VmHWM)', value: Math.round(peak), unit: 'MB', note: "the API process's own peak: start-up, clusters and the warm-up after it (the sync builder is a process of its own)" },
      {
        name: `memory 400 k after ${TRAFFIC_RUNS} × 8 s of random places (RSS)`, value: Math.round(trafficRss), unit: 'MB',
        note: `peak ${Math.round(trafficPeak)} MB; ${trafficRps.map(Math.round).join(' / ')} req/s: the rows kept (≤ 40 MB) and garbage V8 has not collected yet`,
      },
      { name: `longest wait, 400 k warm, ${STALL_PROBE_S} s`, value: Math.round(stall), unit: 'ms', note: '/api/health asked every 10 ms: a stall of the event loop, as the once-a-minute timers (api/server.ts) could cause' },
    );
    rows.push(...(await syncSizes(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Starts of the 400 k server timed (the last one goes on to the memory and traffic figures). */
const COLD_STARTS = 3;


/** Runs of random places on the 400 k server after its stall probe, for its memory under traffic. */
const TRAFFIC_RUNS = 3;

/** Long enough to take in each once-a-minute timer of the server (the reopen check) at least once. */
const STALL_PROBE_S = 65;

/** The longest a request to `url` waited, asked one after another with 10 ms between, for `seconds`. */
async function longestWait(url: string, seconds: number): Promise<number> {
  let longest = 0;
  for (const end = performance.now() + seconds * 1000; performance.now() < end;) {
    const t0 = performance.now();
    await (await fetch(url)).arrayBuffer();
    longest = Math.max(longest, performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  return longest;
}

/** Full sync of a 10 k-station "province" and the delta of one change, gzipped. */
async function syncSizes(dir: string): Promise<Row[]> {
  const store = openSqliteStore(await makeDb(dir, 10_000));
  const v = await store.version();
  const body = await syncBody(store, 0, '2026-11-23');
  const full = gzipSync(body, { level: 9 }).length;
  const fullBr = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const doc = JSON.parse((await store.stationDoc('demo-s-000001'))!);
  await store.upsertStations([canonicalStation({ ...doc, name: doc.name + '(新)' }, new Date().toISOString())]);
  const delta = gzipSync(await syncBody(store, v, '2026-11-23'), { level: 9 }).length;
  await store.close();
  return [
    { name: 'sync full, 10 k stations + 200 merchants (gzip)', value: Math.round(full / 1024), unit: 'KB', note: 'bar ≤ 400 KB' },
    { name: 'sync full, same (brotli, served when accepted)', value: Math.round(fullBr / 1024), unit: 'KB' },
    { name: 'sync delta, one change (gzip)', value: delta, unit: 'B', note: 'bar ≤ 2 KB' },
  ];
}
