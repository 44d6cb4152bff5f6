/**
 * Sliding-window rate limits over the store (port-rates.ts): at most `limit` events per key within
 * any `windowMs`, counted in the database so every API process counts together. Time comes from
 * the injected clock, so tests step past a window without waiting.
 */
import type { RateWindow, Store } from '../store/port';

export interface RateLimiterOptions extends RateWindow {
  /** what is counted (keys of different limiters never meet) */
  name: string;
  clock: () => Date;
}

export interface RateLimiter {
  /** Counts one event for `key` when allowed and answers 0; otherwise the seconds to wait. */
  hit(store: Store, key: string): Promise<number>;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(store: Store, key: string): Promise<void>;
  /** Takes back the newest event of `key` (an attempt counted in advance that turned out fine). */
  forgive(store: Store, key: string): Promise<void>;
}

/** A limiter over one kind of event (e.g. failed sign-ins per account). */
export function createRateLimiter({ name, limit, windowMs, clock }: RateLimiterOptions): RateLimiter {
  const k = (key: string) => `${name}\n${key}`;
  return {
    hit: (store, key) => store.rateHit(k(key), clock().getTime(), { limit, windowMs }),
    reset: (store, key) => store.rateReset(k(key)),
    forgive: (store, key) => store.rateForgive(k(key)),
  };
}
