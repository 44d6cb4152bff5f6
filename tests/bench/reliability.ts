/**
 * npm run bench reliability: the built server under mixed load — reads of nearest at random places,
 * concurrent problem-report writes, an import CLI run and hostile /api/sync requests meanwhile —
 * at BENCH_STATIONS stations (default 400 k). Reports read p50/p99, the longest stall, errors, 503s
 * (retryable by contract) and acknowledged writes missing from the database afterwards.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { makeDb } from './api';
import type { Row } from './table';

const SERVER = 'dist/server/main.js';
const PORT = 18797;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30); // length of the mixed load (long enough for the import to finish)
const READERS = Number(process.env.BENCH_READERS ?? 16); // concurrent read loops
const IMPORT_ROWS = 50_000;

const MONITOR = './tests/bench/loop-monitor.cjs';
// e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see what a hold was (BENCH_VERBOSE=1 lists them)
const NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** The server's event-loop holds as loop-monitor.cjs reports them (other stderr passes through). */
function loopHolds(stderr: Readable) {
  const started = performance.now(); // the monitor's zero, near enough (it is loaded before the server's own code)
  const windows: { at: number; max: number }[] = [];
  const gcPauses: { at: number; ms: number }[] = [];
  createInterface({ input: stderr }).on('line', (line) => {
    const gc = /^yizhan-gc (\d+) ([\d.]+) (\w+)$/.exec(line);
    if (gc) {
      gcPauses.push({ at: Number(gc[1]), ms: Number(gc[2]) });
      if (process.env.BENCH_VERBOSE) console.error(`  gc pause ${gc[2]} ms (${gc[3]}) ending at ${gc[1]} ms`);
      return;
    }
    const m = /^yizhan-loop (\d+) ([\d.]+)$/.exec(line);
    if (m) windows.push({ at: Number(m[1]), max: Number(m[2]) });
    else process.stderr.write(line + '\n');
    if (m && Number(m[2]) > 100 && process.env.BENCH_VERBOSE) console.error(`  hold ${m[2]} ms in the 250 ms before ${m[1]} ms`);
  });
  return {
    origin: () => started,
    /** the longest hold in the monitor's windows that end in [from, to] (ms on the server's clock; not its shutdown after) */
    max: (from: number, to: number) => Math.max(0, ...windows.filter((w) => w.at >= from && w.at <= to).map((w) => w.max)),
    /** the longest garbage-collection pause ending in [from, to] */
    gc: (from: number, to: number) => Math.max(0, ...gcPauses.filter((g) => g.at >= from && g.at <= to).map((g) => g.ms)),
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const place = () => `lat=${(22 + Math.random() * 18).toFixed(4)}&lng=${(100 + Math.random() * 20).toFixed(4)}`;

async function readLoop(until: number, lat: number[], errors: { n: number }) {
  while (Date.now() < until) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${URL_BASE}/api/stations/nearest?${place()}&limit=10`);
      await res.arrayBuffer();
      if (res.status !== 200) errors.n++;
    } catch {
      errors.n++;
    }
    lat.push(performance.now() - t0);
  }
}

async function writeLoop(until: number, target: string, acked: string[], stats: { busy: number; errors: number }) {
  while (Date.now() < until) {
    const clientId = randomUUID();
    const body = JSON.stringify({ clientId, targetType: 'station', targetId: target, kind: 'confirmed' });
    try {
      const res = await fetch(`${URL_BASE}/api/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.0.${acked.length % 250}.${Math.floor(Math.random() * 250)}` }, body });
      await res.arrayBuffer();
      if (res.status === 201) acked.push(clientId);
      else if (res.status === 503) stats.busy++;
      else if (res.status !== 429) stats.errors++;
    } catch {
      stats.errors++;
    }
    await new Promise((r) => setTimeout(r, 20)); // ~40 writes/s: a steady trickle, not a second load test
  }
}

/** The mixed-load numbers (the server runs as a child on the compiled output). */
export async function benchReliability(): Promise<Row[]> {
  const n = Number(process.env.BENCH_STATIONS ?? 400_000);
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-reliability-'));
  try {
    const db = await makeDb(dir, n);
    const csv = join(dir, 'import.csv');
    const lines = ['id,name,type,lat,lng,opening_hours'];
    for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`rel-${i},可靠性驿站${i},union_station,${(22 + (i % 1800) / 100).toFixed(4)},${(100 + Math.floor(i / 1800) / 2).toFixed(4)},24/7`);
    writeFileSync(csv, lines.join('\n'));
    const server = spawn(process.execPath, [...NODE_ARGS, '--require', MONITOR, SERVER], { env: { ...process.env, DATABASE_PATH: db, PORT: String(PORT), SEED_DEMO: '0', WEB_ROOT: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const holds = loopHolds(server.stderr!);
    await new Promise<void>((ok, fail) => {
      server.stdout!.on('data', (d: Buffer) => /serving/.test(d.toString()) && ok());
      server.on('exit', (code) => fail(new Error(`the server exited with ${code} before serving`)));
    });
    const t = (at = performance.now()) => at - holds.origin(); // the server's clock: ms since it started
    const target = ((await (await fetch(`${URL_BASE}/api/stations/nearest?lat=32.06&lng=118.79&limit=1`)).json()) as { items: { id: string }[] }).items[0].id;
    const until = Date.now() + SECONDS * 1000;
    const lat: number[] = [];
    const readErrors = { n: 0 };
    const acked: string[] = [];
    const writes = { busy: 0, errors: 0 };
    let importCode: number | null = null;
    const phase = { loadFrom: t(), importFrom: NaN, importTo: NaN, syncFrom: NaN };
    setTimeout(() => {
      phase.importFrom = t();
      const cli = spawn(process.execPath, ['--import', 'tsx', 'api/cli/import.ts', csv], { env: { ...process.env, DATABASE_PATH: db }, stdio: 'ignore' });
      cli.on('exit', (code) => ((importCode = code), (phase.importTo = t())));
    }, 2000);
    setTimeout(() => {
      phase.syncFrom = t();
      for (let i = 0; i < 20; i++) fetch(`${URL_BASE}/api/sync?since=${Math.floor(Math.random() * 1e12)}`, { headers: { 'Accept-Encoding': 'br' } }).then((r) => r.arrayBuffer()).catch(() => {});
    }, 6000);
    await Promise.all([...Array.from({ length: READERS }, () => readLoop(until, lat, readErrors)), writeLoop(until, target, acked, writes)]);
    server.kill();
    const check = new Database(db, { readonly: true });
    const stored = new Set(check.prepare('SELECT client_id FROM reports').pluck().all() as string[]);
    check.close();
    const lost = acked.filter((id) => !stored.has(id)).length;
    const end = t();
    if (process.env.BENCH_VERBOSE) console.error('  phases (ms since the server started):', JSON.stringify({ ...phase, end }));
    const during = (from: number, to: number) => holds.max(from, to);
    const importTo = Number.isNaN(phase.importTo) ? end : phase.importTo;
    lat.sort((a, b) => a - b);
    const k = `${Math.round(n / 1000)} k`;
    return [
      { name: `reads answered (${k}, ${SECONDS} s, ${READERS} loops)`, value: lat.length, unit: 'req' },
      { name: 'read latency p50', value: pct(lat, 50), unit: 'ms' },
      { name: 'read latency p99', value: pct(lat, 99), unit: 'ms' },
      { name: 'longest read (stall)', value: lat[lat.length - 1], unit: 'ms' },
      { name: 'read errors', value: readErrors.n, unit: '' },
      { name: 'longest event-loop hold, import running', value: during(phase.importFrom, importTo), unit: 'ms', note: 'target ≤ 100: how long any request waited behind the loop' },
      { name: 'longest event-loop hold, rebuild after it', value: during(importTo, end), unit: 'ms', note: 'target ≤ 100 (the listing rebuilt beside the old one and swapped)' },
      { name: 'longest event-loop hold, 20 hostile /api/sync', value: during(phase.syncFrom, phase.syncFrom + 2000), unit: 'ms', note: 'the 2 s after they were sent' },
      { name: 'longest event-loop hold, whole load', value: during(phase.loadFrom, end), unit: 'ms' },
      { name: 'longest garbage-collection pause, whole load', value: holds.gc(phase.loadFrom, end), unit: 'ms', note: 'part of the holds above' },
      { name: 'writes acknowledged (201)', value: acked.length, unit: '' },
      { name: 'writes answered 503 (retry)', value: writes.busy, unit: '', note: 'while the import held the lock' },
      { name: 'write errors (other non-2xx/429)', value: writes.errors, unit: '' },
      { name: 'acknowledged writes lost', value: lost, unit: '' },
      { name: `import CLI (${IMPORT_ROWS / 1000} k rows) exit code`, value: importCode ?? -1, unit: '', note: importCode === null ? 'still running at the end' : '' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
