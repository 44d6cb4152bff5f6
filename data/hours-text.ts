/**
 * A day's openings (data/hours `DayHours.intervals`) in words, the way a sign on the door says
 * them: a night that runs past midnight is one opening, "17:00–次日02:00" / "17:00–02:00 (next day)".
 * No dependencies, so the detail view can use it before the opening_hours parser has loaded.
 */

/** Interval end after this (minutes from the day's midnight) falls on the next day; '24:00' is still today's end. */
const MIDNIGHT = 24 * 60;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number) => String(n).padStart(2, '0');

/** A time on the next day: "次日02:00" (en "02:00 (next day)"), as a sign on the door says it. */
export function nextDayTime(hhmm: string, locale: string): string {
  return locale.startsWith('en') ? `${hhmm} (next day)` : `次日${hhmm}`;
}

/** One opening: "08:00–18:00", "20:00–24:00", and past midnight "17:00–次日02:00" (en "17:00–02:00 (next day)"). */
export function intervalText([start, end]: readonly [string, string], locale: string): string {
  const m = minutes(end);
  if (m <= MIDNIGHT) return `${start}–${end}`;
  return `${start}–${nextDayTime(`${pad(Math.floor((m - MIDNIGHT) / 60))}:${pad(m % 60)}`, locale)}`;
}

/** A day's openings in one line: "08:00–12:00，14:00–18:00" (en with ", "). */
export function dayText(intervals: readonly (readonly [string, string])[], locale: string): string {
  return intervals.map((iv) => intervalText(iv, locale)).join(locale.startsWith('en') ? ', ' : '，');
}
