/**
 * Turns postgres.js errors into the store's typed ones (errors.ts), in one place: a database that
 * cannot be reached is StoreUnavailableError('unreachable'); a lock or serialisation conflict is
 * StoreBusyError (retry shortly); a full disk or a read-only server is StoreUnavailableError.
 */
import { StoreBusyError, StoreInputError, StoreUnavailableError, type UnavailableReason } from './errors';

/** postgres.js's own connection failures, and the socket errors it passes on. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
]);

/** SQLSTATEs meaning "another transaction is in the way, try again". */
const BUSY_STATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '53300', // too_many_connections
]);

const UNAVAILABLE_STATES: Record<string, UnavailableReason> = {
  '53100': 'disk-full', // disk_full
  '25006': 'read-only', // read_only_sql_transaction (a standby, or default_transaction_read_only)
  '58030': 'io', // io_error
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now (starting up, shutting down)
};

/** The store error a driver error stands for, or undefined when it is something else (a bug, a constraint). */
export function pgStoreErrorOf(err: unknown): StoreBusyError | StoreUnavailableError | StoreInputError | undefined {
  if (err instanceof StoreBusyError || err instanceof StoreUnavailableError || err instanceof StoreInputError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === '22021' || code === '22P05') return new StoreInputError(err); // a NUL in text: SQLite takes it, PostgreSQL does not
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) return new StoreUnavailableError('unreachable', err); // 08: connection_exception
  if (BUSY_STATES.has(code)) return new StoreBusyError(err);
  const reason = UNAVAILABLE_STATES[code];
  return reason ? new StoreUnavailableError(reason, err) : undefined;
}
