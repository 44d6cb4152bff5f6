/**
 * The import CLI as a real process against a contended or crashing database: a second writer
 * makes it wait with a message (or give up with exit 3, never a stack trace); kill -9 while it
 * writes leaves the database intact and all-or-nothing.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../api/store/sqlite';

const root = resolve(import.meta.dirname, '../..');
const ROWS = 20_000;
let dir: string;
let csv: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-import-cli-'));
  csv = join(dir, 'stations.csv');
  const lines = ['id,name,type,lat,lng,address,opening_hours'];
  for (let i = 0; i < ROWS; i++) lines.push(`k-${i},测试驿站${i},union_station,${(30 + (i % 1000) / 100).toFixed(4)},${(110 + Math.floor(i / 1000) / 10).toFixed(4)},某路${i}号,24/7`);
  writeFileSync(csv, lines.join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (file: string, extra: string[] = []) => ['--import', 'tsx', 'api/cli/import.ts', file, ...extra];
const freshDb = (name: string) => {
  const path = join(dir, name);
  openSqliteStore(path).close();
  return path;
};
const count = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT count(*) FROM stations').pluck().get() as number);
  } finally {
    db.close();
  }
};
function lock(path: string) {
  const db = new Database(path);
  db.exec('BEGIN IMMEDIATE');
  db.prepare(`UPDATE meta SET value = value WHERE key = 'version'`).run();
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}
/** Resolves when `test` is true of the process's stderr so far (polled on each chunk). */
const stderrUntil = (child: ChildProcess, test: (s: string) => boolean) =>
  new Promise<string>((done, failed) => {
    let text = '';
    child.stderr!.on('data', (d) => (text += d) && test(text) && done(text));
    child.once('exit', () => (test(text) ? done(text) : failed(new Error(`exited first: ${text}`))));
  });
const exitOf = (child: ChildProcess) => new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

describe('npm run import against a busy database', () => {
  it('gives up after --wait with exit 3 and a plain message, writing nothing', () => {
    const db = freshDb('busy.db');
    const release = lock(db);
    try {
      const r = spawnSync(process.execPath, args(csv, ['--wait', '1']), { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATABASE_PATH: db } });
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/busy/);
      expect(r.stderr).not.toMatch(/SqliteError|\n\s+at /);
    } finally {
      release();
    }
    expect(count(db)).toBe(0);
  });

  it('waits with a message while another writer holds the lock, then imports', async () => {
    const db = freshDb('wait.db');
    const release = lock(db);
    const child = spawn(process.execPath, args(csv, ['--wait', '60']), { cwd: root, env: { ...process.env, DATABASE_PATH: db } });
    const exit = exitOf(child);
    try {
      expect(await stderrUntil(child, (s) => s.includes('waiting'))).toMatch(/busy/);
    } finally {
      release();
    }
    expect(await exit).toBe(0);
    expect(count(db)).toBe(ROWS);
  });
});

describe('kill -9 of the import CLI while it writes', () => {
  it('leaves the database intact and all or nothing, every round', async () => {
    for (let round = 0; round < 3; round++) {
      const db = freshDb(`kill-${round}.db`);
      const wal = `${db}-wal`;
      const walStart = existsSync(wal) ? statSync(wal).size : 0;
      const child = spawn(process.execPath, args(csv), { cwd: root, env: { ...process.env, DATABASE_PATH: db }, stdio: 'ignore' });
      const exit = exitOf(child);
      // wait until the write has begun (the WAL grows), then kill at a random moment inside it
      while (child.exitCode === null && (!existsSync(wal) || statSync(wal).size <= walStart)) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await exit;
      expect([0, ROWS]).toContain(count(db));
    }
  }, 120_000); // three CLI processes (tsx start-up, 20 k rows each): tens of seconds on a busy machine
});
