/**
 * The SQLite store as the API sees it: every driver error leaves as a typed store error, the last
 * write failure (read-only file, full disk, I/O) is remembered for /api/health, and a database
 * that was read-only is reopened as soon as its file can be written again — no restart needed.
 */
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { StoreUnavailableError, type UnavailableReason } from './errors';
import type { WriteStatus } from './port';
import type { SqliteConnection as Store } from './sqlite-async';
import { storeErrorOf } from './sqlite-errors';

const REOPEN_EVERY_MS = 2000; // how often a read-only database is looked at again
const FORGET_FAILURE_MS = 30_000; // a full disk / I/O failure is reported this long after it happened

/** True when this process may write the database file and its directory (for the WAL files). */
function fileWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return path === ':memory:';
  }
}

/** Wraps `open()`'s store; `path` is checked for write access to decide when to reopen. */
export function resilientStore(path: string, open: () => Store): Store {
  let inner = open();
  let failure: { reason: UnavailableReason; at: number } | undefined = fileWritable(path) ? undefined : { reason: 'read-only', at: Date.now() };
  let lastReopen = 0;
  let reopened = false;

  function maybeReopen() {
    if (failure?.reason !== 'read-only' || Date.now() - lastReopen < REOPEN_EVERY_MS) return;
    lastReopen = Date.now();
    if (!fileWritable(path)) return;
    let fresh: Store;
    try {
      fresh = open();
    } catch {
      return; // still not openable for writing: try again later
    }
    inner.close();
    [inner, failure, reopened] = [fresh, undefined, true];
  }

  function call(key: keyof Store, args: unknown[]): unknown {
    maybeReopen();
    try {
      return (inner[key] as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      const typed = storeErrorOf(err) ?? err;
      if (typed instanceof StoreUnavailableError) failure = { reason: typed.reason, at: Date.now() };
      throw typed;
    }
  }

  const facade = {} as Record<string, unknown>;
  for (const key of Object.keys(inner) as (keyof Store)[]) facade[key] = (...args: unknown[]) => call(key, args);
  facade.externallyChanged = () => {
    const changed = call('externallyChanged', []) as boolean;
    if (!reopened) return changed;
    reopened = false; // a new connection has no memory of what the indexes saw: look again
    return true;
  };
  facade.writeStatus = (): WriteStatus => {
    maybeReopen();
    if (failure && failure.reason !== 'read-only' && Date.now() - failure.at > FORGET_FAILURE_MS) failure = undefined;
    return failure ? { writable: false, reason: failure.reason, since: new Date(failure.at).toISOString() } : { writable: true };
  };
  facade.close = () => inner.close();
  return facade as unknown as Store;
}
