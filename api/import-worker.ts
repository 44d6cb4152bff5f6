/**
 * The admin import in a child process: parsing, validating and writing 200 k rows takes seconds,
 * which on the server's thread would freeze every request. Here it has its own SQLite connection;
 * the import and its audit entry are one transaction, as in the server.
 */
import { importFile, type ImportOptions } from './importer';
import { StoreBusyError, StoreUnavailableError } from './store/errors';
import type { AuditInput } from './store/port';
import { openSqliteStore } from './store/sqlite';

export interface ImportJob {
  path: string;
  bytes: Uint8Array;
  opts: Omit<ImportOptions, 'now' | 'onProgress'> & { now: string };
  /** the audit entry; `after` gets the rows and summary */
  audit: AuditInput & { after: Record<string, unknown> };
}

export type ImportReply =
  | { result: ReturnType<typeof importFile> }
  | { error: { kind: 'busy' | 'unavailable' | 'other'; message: string; reason?: string } };

const WORKER_BUSY_TIMEOUT_MS = 5000; // this thread may wait for the lock: no request waits behind it

function run(job: ImportJob): ImportReply {
  const store = openSqliteStore(job.path, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS });
  try {
    const result = store.atomically(() => {
      const r = importFile(store, job.bytes, { ...job.opts, now: new Date(job.opts.now) });
      if (r.ok) store.appendAudit({ ...job.audit, after: { ...job.audit.after, rows: r.rows, ...r.summary } });
      return r;
    });
    return { result };
  } finally {
    store.close();
  }
}

function reply(job: ImportJob): ImportReply {
  try {
    return run(job);
  } catch (err) {
    const kind = err instanceof StoreBusyError ? 'busy' : err instanceof StoreUnavailableError ? 'unavailable' : 'other';
    return { error: { kind, message: (err as Error).message, reason: (err as StoreUnavailableError).reason } };
  }
}

if (process.send) {
  process.once('message', (job: ImportJob) => {
    process.send!(reply(job), () => process.exit(0));
  });
}
