/**
 * Heavy jobs in a child process, each with its own SQLite connection, so no request waits behind
 * them: the admin import (parse, validate, write 200 k rows; the import and its audit entry are one
 * transaction, as in the server) and a large /api/sync body (read, encode, compress).
 */
import { importFile, type ImportOptions, type ImportResult } from './importer';
import { syncBody } from './sync-body';
import { encodeBody, type SyncEncoded } from './sync-cache';
import { StoreBusyError, StoreUnavailableError } from './store/errors';
import type { SyncRegion } from '../data/sync-region';
import type { AuditInput } from './store/port';
import { openStore, type StoreLocation } from './store/open';

export interface ImportJob {
  database: StoreLocation;
  bytes: Uint8Array;
  opts: Omit<ImportOptions, 'now' | 'onProgress'> & { now: string };
  /** the audit entry; `after` gets the rows and summary */
  audit: AuditInput & { after: Record<string, unknown> };
}

export interface SyncJob {
  database: StoreLocation;
  from: number;
  day: string;
  /** a regional snapshot: only the records in this region */
  region?: SyncRegion;
}

export type BackgroundJob = { import: ImportJob } | { sync: SyncJob };

export type BackgroundReply =
  | { result: ImportResult }
  | { sync: SyncEncoded }
  | { error: { kind: 'busy' | 'unavailable' | 'other'; message: string; reason?: string } };

const WORKER_BUSY_TIMEOUT_MS = 5000; // this thread may wait for the lock: no request waits behind it

async function runSync(job: SyncJob): Promise<BackgroundReply> {
  const store = await openStore(job.database, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS, listen: false });
  try {
    // the compressed bodies only: ≈ 120 MB of JSON at 400 k would cost the server's thread its copy
    const { json: _, ...compressed } = await encodeBody(await syncBody(store, job.from, job.day, job.region));
    return { sync: compressed };
  } finally {
    await store.close();
  }
}

async function runImport(job: ImportJob): Promise<BackgroundReply> {
  const store = await openStore(job.database, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS, listen: false });
  try {
    const result = await store.atomically(async (tx) => {
      const r = await importFile(tx, job.bytes, { ...job.opts, now: new Date(job.opts.now) });
      if (r.ok) await tx.appendAudit({ ...job.audit, after: { ...job.audit.after, rows: r.rows, ...r.summary } });
      return r;
    });
    return { result };
  } finally {
    await store.close();
  }
}

async function reply(job: BackgroundJob): Promise<BackgroundReply> {
  try {
    return 'import' in job ? await runImport(job.import) : await runSync(job.sync);
  } catch (err) {
    const kind = err instanceof StoreBusyError ? 'busy' : err instanceof StoreUnavailableError ? 'unavailable' : 'other';
    return { error: { kind, message: (err as Error).message, reason: (err as StoreUnavailableError).reason } };
  }
}

if (process.send) {
  // jobs one at a time (a national snapshot is hundreds of MB of work: two at once would double
  // that), each answered under its id; the parent closing the channel ends this process
  let queue: Promise<unknown> = Promise.resolve();
  process.on('message', ({ id, job }: { id: number; job: BackgroundJob }) => {
    queue = queue.then(() => reply(job)).then((r) => process.send!({ id, reply: r })).catch(() => undefined);
  });
  process.on('disconnect', () => process.exit(0));
}
