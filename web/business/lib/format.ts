/**
 * Formatting for the business screens: times in China time (Asia/Shanghai, as the data is), whatever
 * the admin's device zone, and wait times for rate limits.
 */
import type { Locale } from '../../i18n';

export const TZ = 'Asia/Shanghai';

/** "2026-11-23 14:05" in China time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(d);
}

/** Today in China time, YYYY-MM-DD (the min of an offer's validity dates). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
