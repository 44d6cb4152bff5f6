/**
 * Runs heavy jobs in a child process (background-worker.ts): the admin import and large sync
 * bodies. Store errors come back as the same typed errors, so routes answer 503 as for their own
 * writes. (A worker thread cannot load the TypeScript sources under test; a process can, via tsx.)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from './importer';
import type { BackgroundJob, BackgroundReply, ImportJob, SyncJob } from './background-worker';
import type { SyncEncoded } from './sync-cache';
import { StoreBusyError, StoreUnavailableError, type UnavailableReason } from './store/errors';

// from source (tsx, vitest) the worker is TypeScript and runs under tsx; the built server ships background-worker.js
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(fromSource ? './background-worker.ts' : './background-worker.js', import.meta.url));

/** Runs one job in a fresh child process and resolves with its reply (store errors re-thrown typed). */
function runInChild(job: BackgroundJob): Promise<BackgroundReply> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: fromSource ? ['--import', 'tsx'] : [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (reply: BackgroundReply) => {
      settled = true;
      if (!('error' in reply)) return resolve(reply);
      const { kind, message, reason } = reply.error;
      reject(kind === 'busy' ? new StoreBusyError() : kind === 'unavailable' ? new StoreUnavailableError(reason as UnavailableReason) : new Error(message));
    });
    child.once('error', (err) => {
      settled = true;
      reject(err);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`the background process exited with code ${code}`));
    });
    child.send(job);
  });
}

/** Imports in a child process with its own connection to the database file at `job.path`. */
export async function importOnWorker(job: ImportJob): Promise<ImportResult> {
  const reply = await runInChild({ import: job });
  if (!('result' in reply)) throw new Error('unexpected reply from the import process');
  return reply.result;
}

/** Builds and compresses a sync body in a child process (large snapshots take seconds). */
export async function syncOnWorker(job: SyncJob): Promise<SyncEncoded> {
  const reply = await runInChild({ sync: job });
  if (!('sync' in reply)) throw new Error('unexpected reply from the sync process');
  // advanced serialization hands back Uint8Arrays: Buffers over the same memory again
  const { jsonBytes, gzip, br } = reply.sync;
  const buffer = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return { jsonBytes, gzip: buffer(gzip), br: buffer(br) };
}
