/**
 * Turns better-sqlite3's errors into the store's typed ones (errors.ts): a lock held by another
 * writer is StoreBusyError; a read-only file, a full disk or an I/O failure is StoreUnavailableError.
 */
import { StoreBusyError, StoreUnavailableError, type UnavailableReason } from './errors';

/** The store error a driver error stands for, or undefined when it is something else. */
export function storeErrorOf(err: unknown): StoreBusyError | StoreUnavailableError | undefined {
  if (err instanceof StoreBusyError || err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreBusyError(err);
  const reason: UnavailableReason | undefined = code.startsWith('SQLITE_READONLY') ? 'read-only'
    : code === 'SQLITE_FULL' ? 'disk-full'
    : code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') ? 'io' : undefined;
  return reason ? new StoreUnavailableError(reason, err) : undefined;
}

