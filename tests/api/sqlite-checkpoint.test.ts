/**
 * The server's SQLite connection leaves WAL checkpoints to a worker thread (api/store/sqlite-checkpoint.ts):
 * after another process wrote a large transaction while the server was reading, the log is copied
 * back into the file without a commit of the server's (before, the server's next commit did it on
 * its event loop: 0.15 s for a 50 MB log at 400 k stations).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../api/store/open';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Frames in the log and frames copied back, from the WAL-index header in the -shm file (sqlite.org/walformat.html). */
function walIndex(path: string): { frames: number; backfilled: number } {
  const shm = readFileSync(`${path}-shm`);
  return { frames: shm.readUInt32LE(16), backfilled: shm.readUInt32LE(96) };
}

/** Another process's large write, committed while a reader holds an older snapshot (so that commit cannot copy it back). */
function outsideWrite(path: string) {
  const reader = new Database(path);
  const reading = reader.prepare('SELECT key FROM meta').iterate();
  reading.next();
  const writer = new Database(path);
  writer.exec('CREATE TABLE IF NOT EXISTS outside (k INTEGER PRIMARY KEY, v TEXT)');
  const insert = writer.prepare('INSERT INTO outside (v) VALUES (?)');
  writer.transaction(() => {
    for (let i = 0; i < 6000; i++) insert.run('x'.repeat(1000));
  })();
  reading.return!();
  reader.close();
  writer.close();
}

it('copies an outside write back into the file with no commit of its own', async () => {
  const path = join(dir, 'served.db');
  const store = await openStore({ path });
  try {
    outsideWrite(path);
    const before = walIndex(path);
    expect(before.frames).toBeGreaterThan(1000); // past the size at which a commit would checkpoint
    expect(before.backfilled).toBeLessThan(before.frames); // the outside commit could not copy it back
    await expect.poll(() => { const w = walIndex(path); return w.backfilled === w.frames; }, { timeout: 10_000 }).toBe(true);
    expect((await store.counts()).stations).toBe(0); // and the store reads on as before
  } finally {
    await store.close();
  }
});

it('a CLI store (listen: false) checkpoints on its own commits, as SQLite does by default', async () => {
  const path = join(dir, 'cli.db');
  const store = await openStore({ path }, { listen: false });
  try {
    outsideWrite(path);
    const before = walIndex(path);
    expect(before.backfilled).toBeLessThan(before.frames);
    await store.rateHit('k', Date.now(), { limit: 5, windowMs: 60_000 }); // a commit past the threshold checkpoints
    const after = walIndex(path);
    expect(after.backfilled).toBe(after.frames);
  } finally {
    await store.close();
  }
});
