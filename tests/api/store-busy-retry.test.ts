/**
 * The server's SQLite store waits for another process's lock by trying again, off the event loop
 * (api/store/sqlite-async.ts). A retried call must never land inside a transaction that this
 * store opened meanwhile: it waits for that transaction like any other call.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqliteStore } from '../../api/store/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-busy-retry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a write retried while another process held the lock stays out of a transaction opened meanwhile', async () => {
  const path = join(dir, 'served.db');
  const store = openSqliteStore(path); // the server's way: no blocking busy timeout, retries for 250 ms
  try {
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`UPDATE meta SET value = value WHERE key = 'version'`).run();
    const retried = store.rateHit('retried', Date.now(), { limit: 5, windowMs: 60_000 }); // finds the lock at once: tries again after a pause
    other.exec('ROLLBACK');
    other.close();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // a transaction of this store, opened while the retry pauses (its first pause is 2 ms), which fails after waiting a while
    const failing = store.atomically(async (tx) => {
      await tx.rateHit('inside', Date.now(), { limit: 5, windowMs: 60_000 });
      await held;
      throw new Error('rolled back');
    });
    await new Promise((r) => setTimeout(r, 60)); // the retry's pauses pass while the transaction is open
    release();
    await expect(failing).rejects.toThrow('rolled back');
    await expect(retried).resolves.toBe(0);
    const check = new Database(path, { readonly: true });
    const keys = check.prepare('SELECT key FROM rate_events ORDER BY key').pluck().all();
    check.close();
    expect(keys).toEqual(['retried']); // kept, not rolled back with the other transaction
  } finally {
    await store.close();
  }
});

it('gives up with StoreBusyError when the lock outlasts the wait, without blocking the event loop', async () => {
  const path = join(dir, 'locked.db');
  const store = openSqliteStore(path);
  const other = new Database(path);
  try {
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`UPDATE meta SET value = value WHERE key = 'version'`).run();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await expect(store.rateHit('k', Date.now(), { limit: 5, windowMs: 60_000 })).rejects.toMatchObject({ name: 'StoreBusyError' });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3); // timers ran while it waited
  } finally {
    other.exec('ROLLBACK');
    other.close();
    await store.close();
  }
});
