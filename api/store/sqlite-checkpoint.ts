/**
 * WAL checkpoints off the server's event loop. In WAL mode the connection whose commit finds the
 * log past 1000 pages copies it back into the database file, synchronously. On the server that is
 * the event loop, and after an outside import (the CLI, another process) the log holds the whole
 * import: measured at 400 k stations, the next problem report's commit copied 50 MB and held
 * every request 0.15 s. The server's connection leaves that to a worker thread with a connection
 * of its own, which checkpoints PASSIVE (it never waits for, nor blocks, readers or writers) every
 * second. Should the worker fail, the connection checkpoints as before.
 */
import { createRequire as requireFrom } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const EVERY_MS = 1000;

// CommonJS run by the worker (eval): the driver is passed as a resolved path, as the bundle has no node_modules of its own
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
// a checkpoint that cannot run now (a read-only file, an I/O error) is tried again next time
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves `db`'s checkpoints to a worker thread; the returned function stops it (call it before `db`
 * closes) and resolves once the worker's connection is closed, so the file is left alone after.
 */
export function checkpointAway(db: Database.Database, path: string): () => Promise<void> {
  const driver = requireFrom(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, everyMs: EVERY_MS } });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  worker.on('error', (err) => {
    if (stopped) return;
    console.warn(`WAL checkpoints are back on the event loop (the checkpoint worker failed: ${err.message})`);
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return () => {
    if (!stopped) worker.postMessage('stop');
    stopped = true;
    return exited;
  };
}
