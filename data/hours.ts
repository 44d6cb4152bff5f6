/**
 * Opening hours in OpenStreetMap syntax (the `opening_hours` library), evaluated in the station's
 * IANA time zone — never the process's or the device's.
 *
 * The library reads a Date through its *local* getters, so we hand it a Date whose local fields
 * equal the wall-clock time in the target zone (`toZonedLocal`) and map any Date it returns back to
 * a real instant (`fromZonedLocal`). Limitation: inside the hour a DST switch of the *process* zone
 * skips, such a Date cannot be built; Asia/Shanghai itself has no DST.
 */
import opening_hours from 'opening_hours';
import type { nominatim_object } from 'opening_hours';

import { DEFAULT_TZ } from './time-zone';
import { instantOf, wallClock } from './wall-time';
import { makeRoom } from './bounded-map';

export { DEFAULT_TZ };

const defaults = {
  region: { lat: 31.23, lon: 121.47, address: { country_code: 'cn', state: '' } } as nominatim_object, // PH = China's public holidays
  horizonMs: 8 * 86_400_000, // how far ahead nextChange / 24 h detection look (ms)
  parseCacheSize: 5000, // parsed hours strings kept by the module-level cache
};

type Hours = opening_hours;
export type OpenStateName = 'open' | 'closed' | 'unknown';
export interface OpenState {
  state: OpenStateName;
  is24h: boolean;
  /** Next instant the state changes, within about a week; absent if none. */
  nextChange?: Date;
}
export interface DayHours {
  date: string; // YYYY-MM-DD in the time zone
  weekday: number; // 0 = Sunday … 6 = Saturday
  /**
   * The openings that start this day, ['HH:MM', 'HH:MM']: end '24:00' when open until midnight,
   * past it when the night runs on ('26:00' = 02:00 the next day, as OSM writes it). A night's spill
   * after midnight belongs to the day before — shown on the first day only while it lasts.
   */
  intervals: [string, string][];
  closed: boolean; // known to have no opening of its own this day
  unknown: boolean; // hours absent/invalid, or some interval is of unknown state (e.g. "call")
  comment?: string;
}

/** Bounded map that forgets the least recently used entry, so caches cannot grow without limit. */
function lru<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(k: string): V | undefined {
      const v = map.get(k);
      if (v !== undefined) {
        map.delete(k);
        map.set(k, v);
      }
      return v;
    },
    set(k: string, v: V): void {
      makeRoom(map, max);
      map.set(k, v);
    },
  };
}

function parseStrict(s: string): Hours {
  return new opening_hours(s.trim(), defaults.region);
}

/** Parser with a cache; null for invalid strings (cached too). */
function cachedParser(max: number): (s: string) => Hours | null {
  const cache = lru<Hours | null>(max);
  return (s) => {
    let oh = cache.get(s);
    if (oh === undefined) {
      try { oh = parseStrict(s); } catch { oh = null; }
      cache.set(s, oh);
    }
    return oh;
  };
}
const parse = cachedParser(defaults.parseCacheSize);

/** A Date whose local fields read tz's wall clock at `at` (what opening_hours evaluates). */
export function toZonedLocal(at: Date, tz: string = DEFAULT_TZ): Date {
  const [y, mo, d, h, mi, s] = wallClock(at, tz);
  return new Date(y, mo - 1, d, h, mi, s, at.getUTCMilliseconds());
}

/** The instant at which tz's wall clock shows the local fields of `local` (inverse of toZonedLocal). */
export function fromZonedLocal(local: Date, tz: string = DEFAULT_TZ): Date {
  const wall = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(),
    local.getMinutes(), local.getSeconds(), local.getMilliseconds());
  return new Date(instantOf(wall, tz));
}

interface Check {
  error: string | null;
  warnings: string[];
}
const checks = lru<Check>(defaults.parseCacheSize); // an import repeats a few hours strings thousands of times

/** Parse and trial-evaluate once per distinct string (evaluation errors surface only when evaluating). */
function check(s: string): Check {
  let c = checks.get(s);
  if (c) return c;
  try {
    const oh = parseStrict(s);
    const probe = new Date(2026, 0, 5, 12); // a Monday
    oh.getStateString(probe, true);
    oh.getOpenIntervals(probe, new Date(2026, 0, 12, 12));
    c = { error: null, warnings: oh.getStructuredWarnings().map((w) => w.message.replace(/\s+/g, ' ').trim()) };
  } catch (e) {
    const msg = String(e instanceof Error ? e.message : e).replace(/\s+/g, ' ').trim();
    c = { error: `is not valid opening_hours syntax (e.g. "Mo-Fr 08:00-18:00; Sa,Su off" or "24/7"): ${msg.slice(0, 160)}`, warnings: [] };
  }
  checks.set(s, c);
  return c;
}

/** Null if `s` is valid opening_hours syntax, else a reason a person can act on (import row errors). */
export function validateHours(s: string): string | null {
  return s.trim() ? check(s).error : 'is empty (leave the field out when the hours are unknown)';
}

/** The library's notes on a valid but sloppy value ('Mo-Fr 8-18 Uhr'); [] if clean or invalid. */
export function hoursWarnings(s: string): string[] {
  return check(s).warnings;
}

/** State name at a wall-clock Date; evaluation errors read as unknown. */
function stateAt(oh: Hours, local: Date): OpenStateName {
  try {
    return oh.getStateString(local, true);
  } catch {
    return 'unknown';
  }
}

/** State and next change at a wall-clock Date, guarded: evaluation errors read as unknown. */
function evaluate(oh: Hours, local: Date): OpenState {
  try {
    const state = oh.getStateString(local, true);
    const next = oh.getNextChange(local, new Date(local.getTime() + defaults.horizonMs));
    return { state, is24h: state === 'open' && next === undefined, nextChange: next };
  } catch {
    return { state: 'unknown', is24h: false };
  }
}

/** True for hours that are open round the clock for the coming week ('24/7', 'Mo-Su 00:00-24:00', …). */
export function is24h(s?: string, at: Date = new Date()): boolean {
  const text = s?.trim();
  if (!text) return false;
  if (text === '24/7') return true;
  if (closedBeforeMidnight(text)) return false;
  const oh = parse(text);
  return oh ? evaluate(oh, at).is24h : false;
}

/**
 * Hours told not to be open round the clock without the parser, which takes ≈ 0.65 ms a string
 * (opening_hours 3.15; a listing parses each distinct string once: 2,000 of them would be 1.3 s of
 * its build, four times that on a phone): rules of weekdays and clock ranges within a day (the
 * start before the end, no end at 24:00), or weekdays `off`, separated by '; '. No such rule opens
 * the minute before midnight, so they are closed then every day. Anything else is parsed.
 */
function closedBeforeMidnight(s: string): boolean {
  if (!WITHIN_DAYS.test(s)) return false;
  for (const m of s.matchAll(/(\d\d):(\d\d)-(\d\d):(\d\d)/g)) if (+m[3] * 60 + +m[4] <= +m[1] * 60 + +m[2]) return false; // runs past midnight
  return true;
}
const WITHIN_DAYS = (() => {
  const day = '(?:Mo|Tu|We|Th|Fr|Sa|Su)', days = `${day}(?:[-,]${day})*`, time = '(?:[01]\\d|2[0-3]):[0-5]\\d', range = `${time}-${time}`;
  const rule = `(?:(?:${days} )?${range}(?:,${range})*|${days} off)`;
  return new RegExp(`^${rule}(?:; ${rule})*$`);
})();

/** Open/closed/unknown at an instant in tz; absent hours are 'unknown', never 'closed'. */
export function openState(s: string | undefined, at: Date, tz: string = DEFAULT_TZ): OpenState {
  const oh = s?.trim() ? parse(s) : null;
  if (!oh) return { state: 'unknown', is24h: false };
  const r = evaluate(oh, toZonedLocal(at, tz));
  if (!r.nextChange) return { state: r.state, is24h: r.is24h };
  return { ...r, nextChange: fromZonedLocal(r.nextChange, tz) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
/** 'HH:MM' of a local time counted from `day`'s midnight: '24:00' at the next midnight, '26:00' at 02:00 after it. */
const clock = (d: Date, day: Date) => `${pad(d.getHours() + (d.getDate() !== day.getDate() ? 24 : 0))}:${pad(d.getMinutes())}`;

/**
 * One day's openings: those that start on it (ending the next day if they run past midnight), and
 * from 00:00 those that began earlier, unless it is the night of the day before ending today (that
 * day lists it). `now` (local) is set for the first day only: there that night is listed while it
 * has not ended, as yesterday is not shown.
 */
function dayHours(oh: Hours | null, day: Date, now?: Date): DayHours {
  const base = { date: `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`, weekday: day.getDay() };
  const unknown = { ...base, intervals: [], closed: false, unknown: true };
  if (!oh) return unknown;
  const end = addDays(day, 1);
  const next = addDays(day, 2);
  try {
    // from two days before, so an opening that began the day before is seen with its true start
    const before = addDays(day, -1);
    const iv = oh.getOpenIntervals(addDays(day, -2), next).filter(([a, b]) => a < end && b > day);
    // the day before's night ending today is that day's (on the first day: while it lasts)
    const theirs = (a: Date, b: Date) => a >= before && a < day && b < end;
    const shown = iv.filter(([a, b]) => !theirs(a, b) || (now !== undefined && b > now));
    const comment = shown.find((x) => x[3])?.[3];
    return {
      ...base,
      intervals: shown.map(([a, b]) => [a < day ? '00:00' : clock(a, day), b >= next || (a < day && b >= end) ? '24:00' : clock(b, day)] as [string, string]),
      closed: shown.length === 0,
      unknown: shown.some((x) => x[2]),
      ...(comment ? { comment } : {}),
    };
  } catch {
    return unknown;
  }
}

/** The `days` days (default 7) starting with today in tz, for the station's week view. */
export function weekSchedule(s: string | undefined, at: Date, tz: string = DEFAULT_TZ, days = 7): DayHours[] {
  const oh = s?.trim() ? parse(s) : null;
  const [y, mo, d] = wallClock(at, tz);
  const now = toZonedLocal(at, tz);
  return Array.from({ length: days }, (_, i) => dayHours(oh, new Date(y, mo - 1, d + i), i === 0 ? now : undefined));
}

/** Today's hours in tz (a convenience over weekSchedule). */
export function todayHours(s: string | undefined, at: Date, tz: string = DEFAULT_TZ): DayHours {
  return weekSchedule(s, at, tz, 1)[0];
}

/**
 * "Open now" for many stations: parses each distinct hours string once and evaluates it once per
 * minute. Unknown or absent hours count as not open.
 */
export function createOpenNowCache(
  tz: string = DEFAULT_TZ,
  opts: { maxEntries?: number } = {},
): (hours: string | undefined, at: Date) => boolean {
  const max = opts.maxEntries ?? 10_000; // distinct hours strings kept (parsed and per-minute results)
  const parseHere = cachedParser(max);
  const results = new Map<string, boolean>();
  let minute = NaN;
  let local = new Date(0);
  return (hours, at) => {
    if (!hours) return false;
    const m = Math.floor(at.getTime() / 60_000);
    if (m !== minute) {
      minute = m;
      results.clear();
      local = toZonedLocal(new Date(m * 60_000), tz);
    }
    let open = results.get(hours);
    if (open === undefined) {
      const oh = parseHere(hours);
      open = oh ? stateAt(oh, local) === 'open' : false;
      if (results.size >= max) results.clear();
      results.set(hours, open);
    }
    return open;
  };
}

/**
 * openState for many stations (state and next change, e.g. "closes at 18:00"): each distinct
 * hours string is evaluated once per minute; results are for the start of that minute.
 */
export function createOpenStateCache(
  tz: string = DEFAULT_TZ,
  opts: { maxEntries?: number } = {},
): (hours: string | undefined, at: Date) => OpenState {
  const max = opts.maxEntries ?? 10_000; // distinct hours strings kept per minute
  const results = new Map<string, OpenState>();
  let minute = NaN;
  return (hours, at) => {
    if (!hours?.trim()) return { state: 'unknown', is24h: false };
    const m = Math.floor(at.getTime() / 60_000);
    if (m !== minute) {
      minute = m;
      results.clear();
    }
    let r = results.get(hours);
    if (r === undefined) {
      r = openState(hours, new Date(m * 60_000), tz);
      if (results.size >= max) results.clear();
      results.set(hours, r);
    }
    return r;
  };
}
