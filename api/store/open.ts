/**
 * Which store a process opens: PostgreSQL when DATABASE_URL is set (several API processes share
 * it), else the SQLite file at DATABASE_PATH (the embedded default).
 */
import type { Config } from '../config';
import type { Store } from './port';
import { openSqliteStore } from './sqlite';

/** Where the data is: a SQLite file or a PostgreSQL URL (a child process gets this to open its own connection). */
export type StoreLocation = { path: string } | { url: string };

export interface OpenOptions {
  /** SQLite: how long a write waits for another writer's lock, in ms (see SqliteOptions) */
  busyTimeoutMs?: number;
  /**
   * A serving process: on PostgreSQL it follows other processes' writes (LISTEN + catch-up), on
   * SQLite its WAL checkpoints run on a worker thread, off the event loop; a CLI needs neither.
   */
  listen?: boolean;
}

export const storeLocation = (config: Pick<Config, 'databasePath' | 'databaseUrl'>): StoreLocation =>
  config.databaseUrl ? { url: config.databaseUrl } : { path: config.databasePath };

/** A printable name of the location, without a password. */
export function describeLocation(where: StoreLocation): string {
  if ('path' in where) return where.path;
  const u = new URL(where.url);
  u.password = u.password ? '***' : '';
  return u.toString();
}

/** Opens (creating and migrating if needed) the store at `where`. */
export async function openStore(where: StoreLocation, opts: OpenOptions = {}): Promise<Store> {
  // PostgreSQL's driver and adapter are loaded only when they are used (not on the embedded default's start)
  if ('url' in where) return (await import('./pg')).openPgStore(where.url, { listen: opts.listen ?? true });
  return openSqliteStore(where.path, { busyTimeoutMs: opts.busyTimeoutMs, checkpointAway: opts.listen ?? true });
}
