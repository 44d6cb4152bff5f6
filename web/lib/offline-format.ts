/** Words for the offline copy's freshness and size: "3 minutes ago", "12.4 MB". */
import type { Locale } from '../i18n';
import { localDate } from '../../data/wall-time';
import { formatTime, relativePast } from './format';
import { dateFormat, numberFormat } from './intl';

/**
 * How long ago an instant was, in the largest unit that fits ("刚刚", minutes, hours, days), as
 * Intl.RelativeTimeFormat writes it with numeric "auto" (a unit test holds them equal). Written by
 * hand: the status line shows it as the offline copy arrives, and the page's first relative-time
 * formatter loads ICU's data for it (~25 ms here, 100 ms on a slow phone).
 */
export function formatAge(at: number, now: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  const en = locale === 'en';
  // Intl says "此刻" / "now"; people say "刚刚" / "just now"
  if (minutes < 1) return en ? 'just now' : '刚刚';
  if (minutes < 60) return relativePast(minutes, 'minute', locale);
  return minutes < 48 * 60 ? relativePast(Math.floor(minutes / 60), 'hour', locale) : relativePast(Math.floor(minutes / 1440), 'day', locale);
}

/**
 * When data is from, in Asia/Shanghai: "16:33" today, "11月23日 16:33" before, so old data is never
 * mistaken for today's.
 */
export function formatAsOf(at: number, now: number, locale: Locale): string {
  const tz = 'Asia/Shanghai';
  const day = (t: number) => localDate(new Date(t), tz);
  const time = formatTime(new Date(at), locale, tz);
  if (day(at) === day(now)) return time;
  const sameYear = day(at).slice(0, 4) === day(now).slice(0, 4);
  const date = dateFormat(locale, { timeZone: tz, month: locale === 'en' ? 'short' : 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
  return `${date} ${time}`;
}

/** A byte count in KB, MB or GB (1024-based, one decimal where it helps). */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${numberFormat(locale, { maximumFractionDigits: v < 10 && u > 0 ? 1 : 0 }).format(v)} ${units[u]}`;
}
