/**
 * Runs heavy jobs in a child process (background-worker.ts): the admin import (a fresh child each)
 * and large sync bodies (one resident child, started once the server's indexes are warm, or on
 * first use). Store errors come back as the same typed errors, so routes answer 503 as for their
 * own writes. (A worker thread cannot load the TypeScript sources under test; a process can, via tsx.)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from './importer';
import type { BackgroundJob, BackgroundReply, ImportJob, SyncJob } from './background-worker';
import type { SyncEncoded } from './sync-cache';
import type { StoreLocation } from './store/open';
import { StoreBusyError, StoreUnavailableError, type UnavailableReason } from './store/errors';

// from source (tsx, vitest) the worker is TypeScript and runs under tsx; the built server ships background-worker.js
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(fromSource ? './background-worker.ts' : './background-worker.js', import.meta.url));

interface Child {
  process: ChildProcess;
  /** the jobs sent and not yet answered, by id */
  waiting: Map<number, (reply: BackgroundReply | Error) => void>;
}
let resident: Child | undefined; // the sync builder, started once: forking a large server costs its loop tens of ms
let lastId = 0;

function start(): Child {
  const proc = fork(WORKER, [], { execArgv: fromSource ? ['--import', 'tsx'] : [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const child: Child = { process: proc, waiting: new Map() };
  proc.on('message', ({ id, reply }: { id: number; reply: BackgroundReply }) => {
    const settle = child.waiting.get(id);
    child.waiting.delete(id);
    settle?.(reply);
  });
  const fail = (err: Error) => {
    if (resident === child) resident = undefined; // the next job starts another
    for (const settle of child.waiting.values()) settle(err);
    child.waiting.clear();
  };
  proc.on('error', fail);
  proc.once('exit', (code) => fail(new Error(`the background process exited with code ${code}`)));
  return child;
}

/** Sends `job` to `child` and resolves with its reply (store errors re-thrown typed). */
function send(child: Child, job: BackgroundJob): Promise<BackgroundReply> {
  return new Promise((resolve, reject) => {
    const id = ++lastId;
    child.waiting.set(id, (reply) => {
      if (reply instanceof Error) return reject(reply);
      if (!('error' in reply)) return resolve(reply);
      const { kind, message, reason } = reply.error;
      reject(kind === 'busy' ? new StoreBusyError() : kind === 'unavailable' ? new StoreUnavailableError(reason as UnavailableReason) : new Error(message));
    });
    child.process.send({ id, job }, (err) => err && child.waiting.get(id)?.(err));
  });
}

/** Runs one job in a fresh child process (an import: its memory is given back when it ends). */
async function runInChild(job: BackgroundJob): Promise<BackgroundReply> {
  const child = start();
  try {
    return await send(child, job);
  } finally {
    if (child.process.connected) child.process.disconnect(); // it exits when its channel closes
  }
}

/** Records from which a snapshot is built in the child (below, in-process: tens of ms). */
const AWAY_MIN_RECORDS = 20_000;

/** Whether snapshots of this store are built in the child: large and not in memory. */
export function snapshotsAway(database: StoreLocation, records: number): boolean {
  return !('path' in database && database.path === ':memory:') && records >= AWAY_MIN_RECORDS;
}

/**
 * Starts the resident child if there is none (it never keeps this process alive). The server
 * calls it once its indexes are warm: a fork copies the parent's page tables, which at 400 k
 * holds the loop 30–70 ms, better once at a quiet moment than within a burst of requests (before
 * the indexes load, its start-up competed with theirs: +0.5 s to a cold start).
 */
export function startSnapshotBuilder(): void {
  builder();
}

function builder(): Child {
  if (!resident) {
    resident = start();
    resident.process.unref();
    (resident.process.channel as { unref?: () => void } | undefined)?.unref?.();
  }
  return resident;
}

/** Imports in a child process with its own connection to the database file at `job.path`. */
export async function importOnWorker(job: ImportJob): Promise<ImportResult> {
  const reply = await runInChild({ import: job });
  if (!('result' in reply)) throw new Error('unexpected reply from the import process');
  return reply.result;
}

/** Builds and compresses a sync body in a child process (large snapshots take seconds). */
export async function syncOnWorker(job: SyncJob): Promise<SyncEncoded> {
  const reply = await send(builder(), { sync: job });
  if (!('sync' in reply)) throw new Error('unexpected reply from the sync process');
  // advanced serialization hands back Uint8Arrays: Buffers over the same memory again
  const { jsonBytes, gzip, br } = reply.sync;
  const buffer = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return { jsonBytes, gzip: buffer(gzip), br: buffer(br) };
}
