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
import { makeDb } from './api';
import type { Row } from './table';

const SERVER = 'dist/server/main.js';
const PORT = 18797;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30); // length of the mixed load (long enough for the import to finish)
const READERS = 16; // concurrent read loops
const IMPORT_ROWS = 50_000;

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
    const server = spawn(process.execPath, [SERVER], { env: { ...process.env, DATABASE_PATH: db, PORT: String(PORT), SEED_DEMO: '0', WEB_ROOT: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((ok) => server.stdout!.on('data', (d: Buffer) => /serving/.test(d.toString()) && ok()));
    const target = ((await (await fetch(`${URL_BASE}/api/stations/nearest?lat=32.06&lng=118.79&limit=1`)).json()) as { items: { id: string }[] }).items[0].id;
    const until = Date.now() + SECONDS * 1000;
    const lat: number[] = [];
    const readErrors = { n: 0 };
    const acked: string[] = [];
    const writes = { busy: 0, errors: 0 };
    let importCode: number | null = null;
    setTimeout(() => {
      const cli = spawn(process.execPath, ['--import', 'tsx', 'api/cli/import.ts', csv], { env: { ...process.env, DATABASE_PATH: db }, stdio: 'ignore' });
      cli.on('exit', (code) => (importCode = code));
    }, 2000);
    setTimeout(() => {
      for (let i = 0; i < 20; i++) fetch(`${URL_BASE}/api/sync?since=${Math.floor(Math.random() * 1e12)}`, { headers: { 'Accept-Encoding': 'br' } }).then((r) => r.arrayBuffer()).catch(() => {});
    }, 6000);
    await Promise.all([...Array.from({ length: READERS }, () => readLoop(until, lat, readErrors)), writeLoop(until, target, acked, writes)]);
    server.kill();
    const check = new Database(db, { readonly: true });
    const stored = new Set(check.prepare('SELECT client_id FROM reports').pluck().all() as string[]);
    check.close();
    const lost = acked.filter((id) => !stored.has(id)).length;
    lat.sort((a, b) => a - b);
    const k = `${Math.round(n / 1000)} k`;
    return [
      { name: `reads answered (${k}, ${SECONDS} s, ${READERS} loops)`, value: lat.length, unit: 'req' },
      { name: 'read latency p50', value: pct(lat, 50), unit: 'ms' },
      { name: 'read latency p99', value: pct(lat, 99), unit: 'ms' },
      { name: 'longest read (stall)', value: lat[lat.length - 1], unit: 'ms' },
      { name: 'read errors', value: readErrors.n, unit: '' },
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
