/**
 * An in-memory sliding-window rate limiter: at most `limit` events per key within any `windowMs`.
 * Time comes from the injected clock, so tests step past a window without waiting.
 */
export interface RateLimiterOptions {
  limit: number; // events allowed per window
  windowMs: number; // window length in milliseconds
  clock: () => Date;
  maxKeys?: number; // keys remembered at most; the oldest are forgotten first (memory bound)
}

export interface RateLimiter {
  /** Seconds until `key` may act again, or 0 when it may act now (nothing recorded). */
  check(key: string): number;
  /** Records one event for `key`. */
  record(key: string): void;
  /** check, and record when allowed: 0 means go ahead. */
  hit(key: string): number;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): void;
  /** Takes back the newest event of `key` (an attempt counted in advance that turned out fine). */
  forgive(key: string): void;
}

/** A limiter over one kind of event (e.g. failed sign-ins per account). */
export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, clock, maxKeys = 100_000 } = opts;
  const events = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const list = (events.get(key) ?? []).filter((t) => t > now - windowMs);
    if (list.length) events.set(key, list);
    else events.delete(key);
    return list;
  };
  const check = (key: string) => {
    const now = clock().getTime();
    const list = recent(key, now);
    if (list.length < limit) return 0;
    return Math.max(1, Math.ceil((list[list.length - limit] + windowMs - now) / 1000));
  };
  const record = (key: string) => {
    const now = clock().getTime();
    const list = recent(key, now);
    list.push(now);
    events.delete(key); // re-insert: Map order is then least recently used first
    events.set(key, list.slice(-limit));
    if (events.size > maxKeys) events.delete(events.keys().next().value!);
  };
  return {
    check,
    record,
    hit(key) {
      const wait = check(key);
      if (wait === 0) record(key);
      return wait;
    },
    reset: (key) => void events.delete(key),
    forgive(key) {
      const list = events.get(key);
      if (list?.length) list.pop();
    },
  };
}
