/**
 * The storage port's rate-limit half: sliding-window event counts (sign-in and sign-up attempts,
 * reports per address) kept in the database, so several API processes count together and a
 * restart forgets nothing. Part of `Store` (port.ts); the limiter itself is auth/rate-limit.ts.
 */

export interface RateWindow {
  /** events allowed per window */
  limit: number;
  /** window length in milliseconds */
  windowMs: number;
}

export interface RateStore {
  /**
   * With fewer than `limit` events of `key` in the window ending at `now` (ms since the epoch):
   * records one and returns 0; otherwise the seconds until one more is allowed (at least 1).
   * One transaction, so concurrent attempts never both take the last slot; expired events go.
   */
  rateHit(key: string, now: number, window: RateWindow): number;
  /** Forgets every event of `key` (e.g. after a successful sign-in). */
  rateReset(key: string): void;
  /** Takes back the newest event of `key` (an attempt counted in advance that turned out fine). */
  rateForgive(key: string): void;
}
