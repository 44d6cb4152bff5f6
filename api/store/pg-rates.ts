/**
 * Rate-limit events for the PostgreSQL store (as sqlite-rates.ts). A hit is counted and recorded in
 * one transaction holding an advisory lock on its key, so concurrent attempts (from any process)
 * queue per key and never both take the last slot; different keys never wait on each other.
 */
import type { RateStore } from './port-rates';
import type { Async } from './port';
import { inTransaction, type Db } from './pg-sql';

/** The advisory-lock namespace of rate-limit keys (the second key is the key's hash). */
const RATE_LOCKS = 0x7969_7a6c;

/** The rate-limit half of the store over `db`. */
export function rateMethods(db: Db): Async<RateStore> {
  return {
    rateHit: (key, now, { limit, windowMs }) =>
      inTransaction(db, async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${RATE_LOCKS}, hashtext(${key}))`;
        // expired events go; SKIP LOCKED: rows another hit is purging right now are left to it
        await tx`DELETE FROM rate_events WHERE seq IN (SELECT seq FROM rate_events WHERE expires <= ${now} FOR UPDATE SKIP LOCKED)`;
        const recent = await tx<{ at: number }[]>`SELECT at FROM rate_events WHERE key = ${key} AND at > ${now - windowMs}
          ORDER BY at DESC LIMIT ${limit}`;
        if (recent.length < limit) {
          await tx`INSERT INTO rate_events (key, at, expires) VALUES (${key}, ${now}, ${now + windowMs})`;
          return 0;
        }
        // the oldest of the newest `limit` events leaves the window first
        return Math.max(1, Math.ceil((Number(recent[limit - 1]?.at) + windowMs - now) / 1000));
      }),
    async rateReset(key) {
      await db`DELETE FROM rate_events WHERE key = ${key}`;
    },
    async rateForgive(key) {
      await db`DELETE FROM rate_events WHERE seq = (SELECT max(seq) FROM rate_events WHERE key = ${key})`;
    },
  };
}
