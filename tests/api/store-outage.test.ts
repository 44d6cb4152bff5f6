/**
 * Fault tests: a read-only database file and a full disk. The server says so in /api/health,
 * keeps answering reads, answers writes 503 problem+json with Retry-After, and recovers by itself
 * once the file is writable / the disk has room — no restart. The faults are real: an unwritable
 * file (chmod, or chattr +i as root) and a small tmpfs filled up (root only; skipped otherwise).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { openSqliteStore } from '../../api/store/sqlite';
import { NOW, station } from './helpers';

const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function appOn(dbPath: string) {
  const store = openSqliteStore(dbPath);
  const config = { ...loadConfig({}), databasePath: dbPath, webRoot: '/nonexistent' };
  const app = createApp({ store, config, listings: await createListings(store, { checkIntervalMs: 0 }), clock: () => NOW });
  return { store, app };
}
const report = () => ({ clientId: randomUUID(), targetType: 'station', targetId: 'o-1', kind: 'confirmed' });
const postReport = (app: Awaited<ReturnType<typeof appOn>>['app']) =>
  app.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(report()) });
const health = async (app: Awaited<ReturnType<typeof appOn>>['app']) => (await app.request('/api/health')).json();
/** Polls `check` until it is true (the store looks at a read-only file again every 2 s). */
async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
function expect503(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** Makes a file unwritable for this process; returns the undo, or null when the platform cannot. */
function lockFile(path: string): (() => void) | null {
  try {
    if (!isRoot) {
      chmodSync(path, 0o444);
      return () => chmodSync(path, 0o644);
    }
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    return () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

describe('a database that cannot be written', () => {
  it('read-only at start: health says so, reads work, writes 503, recovery without restart', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhan-ro-'));
    dirs.push(dir);
    const dbPath = join(dir, 'ro.db');
    const seed = openSqliteStore(dbPath);
    await seed.upsertStations([station({ id: 'o-1' })]);
    seed.close();
    const unlock = lockFile(dbPath);
    if (!unlock) return ctx.skip('cannot make a file read-only here');
    const { app, store } = await appOn(dbPath);
    try {
      expect(await health(app)).toMatchObject({ status: 'degraded', writes: { writable: false, reason: 'read-only' } });
      expect((await app.request('/api/stations/o-1')).status).toBe(200);
      expect503(await postReport(app));
      unlock();
      await until(async () => (await health(app)).status === 'ok');
      expect((await postReport(app)).status).toBe(201);
    } finally {
      store.close();
    }
  });

  it.skipIf(!isRoot)('a full disk: writes 503 and health says disk-full; room again → writes work', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhan-full-'));
    dirs.push(dir);
    const mnt = join(dir, 'mnt');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      return ctx.skip('no permission to mount a tmpfs here');
    }
    const dbPath = join(mnt, 'full.db');
    const { app, store } = await appOn(dbPath);
    try {
      await store.upsertStations([station({ id: 'o-1' })]);
      const filler = join(mnt, 'filler');
      const fd = openSync(filler, 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(64 * 1024));
      } catch {
        // ENOSPC: the disk is full
      } finally {
        closeSync(fd);
      }
      let res = await postReport(app);
      for (let i = 0; i < 50 && res.status === 201; i++) res = await postReport(app); // WAL pages left over take a few
      expect503(res);
      expect(await health(app)).toMatchObject({ status: 'degraded', writes: { writable: false, reason: 'disk-full' } });
      expect((await app.request('/api/stations/o-1')).status).toBe(200);
      rmSync(filler);
      expect((await postReport(app)).status).toBe(201);
    } finally {
      store.close();
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    }
  });
});
