/**
 * Wall-clock times of a station ("YYYY-MM-DDTHH:mm" or a bare date, no offset) and the instants
 * they name in its IANA zone, with arithmetic for China's fixed zones (and UTC) and Intl for the rest (no Node or DOM APIs): what notices' start and end,
 * and "one per client per day", are measured in.
 */
import { DEFAULT_TZ } from './time-zone';

/** "2026-12-05" or "2026-12-05T09:00" (seconds allowed, no offset: the station's zone applies). */
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Year, month, day, hour, minute, second of a wall time, or undefined when not a real date. */
export function wallFields(s: string): number[] | undefined {
  const m = WALL.exec(s);
  if (!m) return undefined;
  const f = m.slice(1).map((x) => Number(x ?? 0));
  const [y, mo, d, h, mi, sec] = f;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  const real = t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
  return real ? f : undefined;
}

/** A wall time as if it were UTC (ms): comparable among wall times of one zone. */
function wallMs(s: string, endOfDay: boolean): number {
  const [y, mo, d, h, mi, sec] = wallFields(s)!;
  const bare = !s.includes('T');
  return Date.UTC(y, mo - 1, d + (bare && endOfDay ? 1 : 0), h, mi, sec);
}
export const wallStart = (s: string) => wallMs(s, false);
export const wallEnd = (s: string) => wallMs(s, true);

/**
 * Zones whose clock has been UTC plus a fixed offset, without daylight saving, since 1992: China's
 * one official zone (UTC+8 since 1991) and Xinjiang's (UTC+6), and their wall clocks are arithmetic;
 * and UTC itself, the zone a calendar date's own day is read in (a week's weekday names; arithmetic
 * from 1992 as the others, Intl before: no caller asks about earlier days).
 * The first Intl formatter with a zone loads ICU's zone and calendar data (~30 ms here, 120 ms on a
 * slow phone), and the first answer's rows ask for the day and the time: they should not wait for it.
 * A unit test holds this to Intl, instant by instant.
 */
const FIXED = new Map([['Asia/Shanghai', 8 * 3_600_000], ['Asia/Urumqi', 6 * 3_600_000], ['UTC', 0]]);
const FIXED_SINCE = Date.UTC(1992, 0, 1);

/** tz's offset from UTC (ms) at instant t when it is fixed then, else undefined. */
function fixedOffset(t: number, tz: string): number | undefined {
  return t >= FIXED_SINCE ? FIXED.get(tz) : undefined;
}

/**
 * The calendar day ("2026-12-03") an instant falls on in tz (asked on every request: China's zones
 * and UTC are arithmetic, other zones' formatter is made once, as making one costs more than a nearest answer).
 */
export function localDate(at: Date, tz: string = DEFAULT_TZ): string {
  const [y, m, d] = localDateParts(at, tz);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Year, month (1–12) and day of an instant in tz. */
export function localDateParts(at: Date, tz: string = DEFAULT_TZ): [number, number, number] {
  const [y, m, d] = wallClock(at, tz);
  return [y, m, d];
}

/** Hour (0–23) and minute of an instant on tz's clock. */
export function localTimeParts(at: Date, tz: string = DEFAULT_TZ): [number, number] {
  const [, , , h, m] = wallClock(at, tz);
  return [h, m];
}

/** [year, month 1–12, day, hour 0–23, minute, second] on tz's clock at an instant. */
export function wallClock(at: Date, tz: string = DEFAULT_TZ): number[] {
  const t = at.getTime(), wall = new Date(t + offsetAt(t, tz));
  return [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
}

const offsets = new Map<string, Intl.DateTimeFormat>();
/** tz's offset from UTC at instant t, in ms (what its clock shows, as if UTC, minus t to the second). */
function offsetAt(t: number, tz: string): number {
  const fixed = fixedOffset(t, tz);
  if (fixed !== undefined) return fixed;
  let f = offsets.get(tz);
  if (!f) {
    const n = 'numeric' as const;
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: n, month: n, day: n, hour: n, minute: n, second: n });
    offsets.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(t))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/** The instant (ms) at which tz's clock shows a wall time given as if UTC. */
export function instantOf(wall: number, tz: string): number {
  const guess = wall - offsetAt(wall, tz);
  return wall - offsetAt(guess, tz);
}

/** The instants [start, end) of the calendar day in tz that `at` falls on (ISO strings). */
export function zonedDay(at: Date, tz: string = DEFAULT_TZ): [string, string] {
  const t = at.getTime();
  const wall = t + offsetAt(t, tz);
  const midnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  return [new Date(instantOf(midnight, tz)).toISOString(), new Date(instantOf(midnight + 86_400_000, tz)).toISOString()];
}
