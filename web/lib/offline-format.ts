/** Words for the offline copy's freshness and size: "3 minutes ago", "12.4 MB". */
import type { Locale } from '../i18n';
import { localDate } from '../../data/wall-time';
import { dateFormat, numberFormat, relativeFormat } from './intl';

/** How long ago an instant was, in the largest unit that fits ("刚刚", minutes, hours, days). */
export function formatAge(at: number, now: number, locale: Locale): string {
  const rtf = relativeFormat(locale, { numeric: 'auto' });
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  // Intl says "此刻" / "now"; people say "刚刚" / "just now"
  if (minutes < 1) return locale === 'en' ? 'just now' : '刚刚';
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 48 * 60) return rtf.format(-Math.floor(minutes / 60), 'hour');
  return rtf.format(-Math.floor(minutes / 1440), 'day');
}

/**
 * When data is from, in Asia/Shanghai: "16:33" today, "11月23日 16:33" before, so old data is never
 * mistaken for today's.
 */
export function formatAsOf(at: number, now: number, locale: Locale): string {
  const tz = 'Asia/Shanghai';
  const day = (t: number) => localDate(new Date(t), tz);
  const time = dateFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
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
