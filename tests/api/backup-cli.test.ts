/**
 * npm run backup as a real process: a consistent copy of the SQLite file while another
 * connection (the server) keeps it open and writes, and clear refusals for bad usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../api/store/sqlite';
import type { Store } from '../../api/store/port';
import { station } from './helpers';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let db: string;
let live: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-backup-'));
  db = join(dir, 'yizhan.db');
  live = openSqliteStore(db); // stays open, as the server's connection would
  await live.upsertStations(Array.from({ length: 500 }, (_, i) => station({ id: `b-${i}` })));
});
afterAll(async () => {
  await live.close();
  rmSync(dir, { recursive: true, force: true });
});

const backup = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'api/cli/backup.ts', ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: db, DATABASE_URL: '', ...env },
  });

describe('npm run backup', () => {
  it('copies the open database, writes of a moment ago included', async () => {
    await live.upsertStations([station({ id: 'just-now', name: '刚写的驿站' })]);
    const dest = join(dir, 'copy.db');
    const r = backup([dest]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const copy = openSqliteStore(dest);
    try {
      expect(await copy.counts()).toEqual(await live.counts());
      expect(await copy.version()).toBe(await live.version());
      expect(JSON.parse((await copy.stationDoc('just-now'))!).name).toBe('刚写的驿站');
    } finally {
      await copy.close();
    }
  });

  it('refuses without a file, over an existing file, and on PostgreSQL (pg_dump)', () => {
    expect(backup([]).status).toBe(2);
    const taken = join(dir, 'copy.db');
    const over = backup([taken]);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('exists');
    const pg = backup([join(dir, 'x.db')], { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' });
    expect(pg.status).toBe(2);
    expect(pg.stderr).toContain('pg_dump');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
