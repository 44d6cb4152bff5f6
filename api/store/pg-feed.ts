/**
 * The PostgreSQL store's change feed and health: whether anyone committed a write since the
 * listings last asked (`externallyChanged`), and whether the database can be reached (`writeStatus`).
 *
 * Every version bump runs pg_notify in its transaction, so other processes hear of a commit at
 * once. NOTIFY is only a hint: a notification sent while this process was disconnected is lost,
 * so a catch-up timer also reads the version every second, and every (re)connect of the listener
 * counts as "maybe changed". The listener is a dedicated connection of its own (postgres.js's
 * `sql.listen` re-listens once after a disconnect and gives up if the server is still down); the
 * timer re-issues LISTEN until it succeeds, and its version read doubles as the heartbeat. It
 * must be a direct connection: LISTEN does not survive a transaction-pooling proxy.
 */
import postgres, { type Options, type Sql } from 'postgres';
import { StoreUnavailableError, type UnavailableReason } from './errors';
import type { WriteStatus } from './port';
import { CHANGES_CHANNEL, currentVersion } from './pg-sql';

const FORGET_FAILURE_MS = 30_000; // a full disk or read-only server is reported this long after it was seen
const HEARTBEAT_TIMEOUT_MS = 5_000; // a catch-up read slower than this means the connection is gone

/** Whether the database can be written, from what the queries saw. */
export function pgHealth() {
  let failure: { reason: UnavailableReason; at: number } | undefined;
  let unreachableAt = -Infinity; // when the database was last found unreachable
  return {
    /** Whether the database was unreachable within the last `ms` (it may have just come back). */
    unreachableWithin: (ms: number) => Date.now() - unreachableAt <= ms,
    /** A query succeeded: the database is reachable again. */
    ok() {
      if (failure?.reason === 'unreachable') failure = undefined;
    },
    /** A query failed with `err` (a typed store error, or anything else). */
    failed(err: unknown) {
      if (!(err instanceof StoreUnavailableError)) return;
      if (err.reason === 'unreachable') unreachableAt = Date.now();
      if (failure?.reason !== err.reason) failure = { reason: err.reason, at: Date.now() };
    },
    writeStatus(): WriteStatus {
      if (failure && failure.reason !== 'unreachable' && Date.now() - failure.at > FORGET_FAILURE_MS) failure = undefined;
      return failure ? { writable: false, reason: failure.reason, since: new Date(failure.at).toISOString() } : { writable: true };
    },
  };
}
export type PgHealth = ReturnType<typeof pgHealth>;

export interface FeedOptions {
  /** how often the version is read in case a notification was lost, in ms */
  catchUpMs: number;
  /** false: no listener connection and no timer (a CLI); only this process's own writes are seen */
  listen: boolean;
}

/** The feed over its own connection to `url`; `version` is the version the store opened at. */
export async function changeFeed(url: string, options: Options<{}>, health: PgHealth, version: number, opts: FeedOptions) {
  let lastSeen = version;
  let changed = false;
  let listening = false;
  let ticking = false;
  let closed = false;

  const saw = (v: number) => {
    if (v === lastSeen) return;
    [lastSeen, changed] = [v, true];
  };
  // onnotify is how postgres.js's own sql.listen hears notifications (an option its types leave out; the version is pinned)
  const onnotify = (channel: string, payload: string) => {
    if (channel === CHANGES_CHANNEL && Number(payload) > lastSeen) saw(Number(payload));
  };
  const connect = (): Sql => postgres(url, {
    ...options, max: 1, max_lifetime: null, onnotify,
    onclose: () => void (listening = false),
  } as Options<{}>);
  let client = opts.listen ? connect() : undefined;

  /** LISTEN when not listening; then read the version (catch-up and heartbeat in one). */
  async function tick(first = false) {
    if (!client || ticking || closed) return;
    ticking = true;
    const c = client;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          if (!listening) {
            await c`LISTEN ${c(CHANGES_CHANNEL)}`;
            listening = true;
            if (!first) changed = true; // (re)connected: whatever was announced meanwhile is lost, catch up
          }
          saw(await currentVersion(c));
        })(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new StoreUnavailableError('unreachable')), HEARTBEAT_TIMEOUT_MS))),
      ]);
      health.ok();
    } catch {
      health.failed(new StoreUnavailableError('unreachable'));
      if (client === c && !closed) {
        // a connection that hangs is replaced, so the next tick starts afresh
        [client, listening] = [connect(), false];
        void c.end({ timeout: 0 }).catch(() => {});
      }
    } finally {
      clearTimeout(timer);
      ticking = false;
    }
  }

  if (client) await tick(true);
  const timer = client ? setInterval(() => void tick(), opts.catchUpMs) : undefined;
  timer?.unref();

  return {
    /** True once after any commit (this process's or another's) since the last call. */
    externallyChanged(): boolean {
      const was = changed;
      changed = false;
      return was;
    },
    /** This process committed `v`: its own listings must see it too. */
    wrote(v: number) {
      if (v > lastSeen) lastSeen = v;
      changed = true;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await client?.end({ timeout: 1 }).catch(() => {});
    },
  };
}
export type ChangeFeed = Awaited<ReturnType<typeof changeFeed>>;
