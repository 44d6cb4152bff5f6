/**
 * Formatting for the business screens — the one place dates are written, so none is ambiguous
 * (never 05/09/2026): zh "2026年5月9日", en "9 May 2026", times 24 h. Instants are shown in China
 * time (Asia/Shanghai, as the data is) whatever the admin's device zone; calendar dates (an
 * offer's validity, a closure's last day) and notice wall times are shown as written.
 */
import { localDate, wallClock } from '../../../data/wall-time';
import type { Locale } from '../../i18n';
import { dateFormat } from '../../lib/intl';

export const TZ = 'Asia/Shanghai';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/; // no offset: a wall time

/** A calendar date (year, month 1–12, day) in the locale's unambiguous long form. */
function dayText(y: number, m: number, d: number, locale: Locale): string {
  const f = locale === 'en'
    ? dateFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
    : dateFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** "9 May 2026, 14:05" / "2026年5月9日 14:05". */
const withTime = (day: string, h: number, mi: number, locale: Locale) => `${day}${locale === 'en' ? ',' : ''} ${pad(h)}:${pad(mi)}`;

/** A date without a time: "2026-05-09" as written, an ISO instant by its day in China time. */
export function formatDate(value: string, locale: Locale): string {
  const m = DATE.exec(value) ?? WALL.exec(value);
  if (m) return dayText(Number(m[1]), Number(m[2]), Number(m[3]), locale);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const [y, mo, day] = wallClock(d, TZ);
  return dayText(y, mo, day, locale);
}

/** An instant with its time, in China time: "2026年5月9日 14:05" / "9 May 2026, 14:05". */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const [y, mo, day, h, mi] = wallClock(d, TZ);
  return withTime(dayText(y, mo, day, locale), h, mi, locale);
}

/** A station's wall time as written ("2026-05-09T14:00" → "2026年5月9日 14:00"; a bare date → the date). */
export function formatWall(value: string, locale: Locale): string {
  const m = WALL.exec(value);
  if (!m) return formatDate(value, locale);
  return withTime(dayText(Number(m[1]), Number(m[2]), Number(m[3]), locale), Number(m[4]), Number(m[5]), locale);
}

/** Today in China time, YYYY-MM-DD (the min of an offer's validity dates). */
export function todayInChina(now = new Date()): string {
  return localDate(now, TZ);
}
