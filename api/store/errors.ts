/**
 * Store failures the API answers with 503 (problem.ts maps them in one place). Every adapter throws
 * these instead of its driver's errors, so SQLite and a future PostgreSQL behave alike over HTTP.
 */

/** Another writer holds the database longer than we may wait: retry shortly. */
export class StoreBusyError extends Error {
  readonly retryAfterSeconds = 1;
  constructor(cause?: unknown) {
    super('The database is busy with another write.', { cause });
    this.name = 'StoreBusyError';
  }
}

export type UnavailableReason = 'read-only' | 'disk-full' | 'io' | 'unreachable';

/** The database cannot take writes (read-only file, full disk, I/O failure) until an operator acts. */
export class StoreUnavailableError extends Error {
  readonly retryAfterSeconds = 30;
  constructor(readonly reason: UnavailableReason, cause?: unknown) {
    super(`The database cannot be written (${reason}).`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** True for errors that mean "not now" rather than "a bug": the store errors above. */
export function isStoreOutage(err: unknown): err is StoreBusyError | StoreUnavailableError {
  return err instanceof StoreBusyError || err instanceof StoreUnavailableError;
}

/** Text the database cannot hold (PostgreSQL refuses NUL characters): the client's input, a 400. */
export class StoreInputError extends Error {
  constructor(cause?: unknown) {
    super('Text must not contain NUL (\\u0000) characters.', { cause });
    this.name = 'StoreInputError';
  }
}
