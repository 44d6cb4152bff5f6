/** Rate-limit events for the SQLite store: counted and recorded in one IMMEDIATE transaction. */
import type Database from 'better-sqlite3';
import type { RateStore } from './port-rates';

/** The rate-limit half of the store, on the shared database. */
export function rateMethods(db: Database.Database): RateStore {
  const q = {
    purge: db.prepare(`DELETE FROM rate_events WHERE expires <= ?`),
    recent: db.prepare(`SELECT at FROM rate_events WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?`).pluck(),
    insert: db.prepare(`INSERT INTO rate_events (key, at, expires) VALUES (?, ?, ?)`),
    reset: db.prepare(`DELETE FROM rate_events WHERE key = ?`),
    forgive: db.prepare(`DELETE FROM rate_events WHERE seq = (SELECT max(seq) FROM rate_events WHERE key = ?)`),
  };
  return {
    rateHit: (key, now, { limit, windowMs }) => db.transaction(() => {
      q.purge.run(now);
      const recent = q.recent.all(key, now - windowMs, limit) as number[];
      if (recent.length < limit) {
        q.insert.run(key, now, now + windowMs);
        return 0;
      }
      // the oldest of the newest `limit` events leaves the window first
      return Math.max(1, Math.ceil((recent[limit - 1] + windowMs - now) / 1000));
    }).immediate(),
    rateReset: (key) => void q.reset.run(key),
    rateForgive: (key) => void q.forgive.run(key),
  };
}
