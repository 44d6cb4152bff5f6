/**
 * Runs an admin import in a child process (import-worker.ts) and resolves with its result; store
 * errors come back as the same typed errors, so the route answers 503 exactly as for its own writes.
 * (A worker thread would share the server's CPU thread pool but cannot load TypeScript under test.)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from './importer';
import type { ImportJob, ImportReply } from './import-worker';
import { StoreBusyError, StoreUnavailableError, type UnavailableReason } from './store/errors';

// from source (tsx, vitest) the worker is TypeScript and runs under tsx; the built server ships import-worker.js
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(fromSource ? './import-worker.ts' : './import-worker.js', import.meta.url));

/** Imports in a child process with its own connection to the database file at `job.path`. */
export function importOnWorker(job: ImportJob): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: fromSource ? ['--import', 'tsx'] : [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (reply: ImportReply) => {
      settled = true;
      if ('result' in reply) return resolve(reply.result);
      const { kind, message, reason } = reply.error;
      reject(kind === 'busy' ? new StoreBusyError() : kind === 'unavailable' ? new StoreUnavailableError(reason as UnavailableReason) : new Error(message));
    });
    child.once('error', (err) => {
      settled = true;
      reject(err);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`the import process exited with code ${code}`));
    });
    child.send(job);
  });
}
