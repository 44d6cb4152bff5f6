/**
 * Timestamps for the demo dataset, all relative to a fixed `now` (never the clock), written in
 * China Standard Time (+08:00) like the people entering the data would, and cached so that a
 * million records share a few thousand strings.
 */
import type { Random } from './random';

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000; // Asia/Shanghai offset, no daylight saving
const SLOT_MS = 600_000; // verification times fall on 10-minute steps
const SLOTS_PER_DAY = 66; // 08:00–18:50 local time
const MAX_DAYS = 366; // `recent` looks back at most a year

/** ISO 8601 time in +08:00: 2026-10-12T09:30:00+08:00. */
export function isoCst(ms: number): string {
  return `${new Date(ms + CST_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Calendar date (YYYY-MM-DD) in Asia/Shanghai, `days` after the day of `nowMs`. */
export function dateCst(nowMs: number, days: number): string {
  return new Date(nowMs + CST_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** Hands out recent working-hours timestamps before a fixed `now`, one string per slot. */
export class Stamps {
  readonly nowMs: number;
  readonly now: string;
  private readonly dayStartMs: number; // local midnight of `now`'s day, as epoch ms
  private readonly cache: (string | undefined)[] = new Array((MAX_DAYS + 1) * SLOTS_PER_DAY);
  private readonly dates = new Map<number, string>();

  constructor(now: Date) {
    this.nowMs = now.getTime();
    this.now = isoCst(this.nowMs);
    this.dayStartMs = Math.floor((this.nowMs + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
  }

  /** Calendar date (YYYY-MM-DD) in Asia/Shanghai `days` after today (negative: before), cached. */
  date(days: number): string {
    let d = this.dates.get(days);
    if (d === undefined) this.dates.set(days, (d = dateCst(this.nowMs, days)));
    return d;
  }

  /** A time on one of the `maxDays` (≤ 366) days before today, during working hours. */
  recent(rng: Random, maxDays: number): string {
    const key = rng.int(1, Math.min(maxDays, MAX_DAYS)) * SLOTS_PER_DAY + rng.int(0, SLOTS_PER_DAY - 1);
    const hit = this.cache[key];
    if (hit !== undefined) return hit;
    const day = Math.floor(key / SLOTS_PER_DAY);
    const ms = this.dayStartMs - day * DAY_MS + 8 * 3_600_000 + (key % SLOTS_PER_DAY) * SLOT_MS;
    return (this.cache[key] = isoCst(ms));
  }
}
