/**
 * Formatting for people: distances, opening-hours states, dates and prices, with Intl for the
 * locale. Station times are shown in the station's zone (Asia/Shanghai by default), never the
 * device's, so a phone set to another zone still reads "closes at 18:00" as the sign says.
 */
import { nextDayTime } from '../../data/hours-text';
import { localDate, localDateParts, localTimeParts, wallFields } from '../../data/wall-time';
import { translate, type Locale } from '../i18n';
import { numberFormat } from './intl';

export const DEFAULT_TZ = 'Asia/Shanghai';

/** "open" | "closed" | "unknown" plus 24 h and the next change, as data/hours.ts openState gives. */
export interface HoursInfo {
  state: 'open' | 'closed' | 'unknown';
  is24h: boolean;
  nextChange?: Date;
}

export type Tone = 'open' | 'closed' | 'unknown' | 'warning';

/**
 * Distance for a glance: "80 m", "350 m", "1.2 km", "12 km" (zh: "350米", "1.2公里"), as Intl's short
 * units write them in the app's two locales (a unit test holds the two equal). Written by hand: the
 * page's first Intl.NumberFormat loads ICU's number data (~20 ms, 4× that on a slow phone), and the
 * first answer's rows should not wait for it.
 */
export function formatDistance(metres: number, locale: Locale): string {
  const m = Math.max(0, metres);
  const [v, km] = m < 100 ? [Math.round(m), false] : m < 995 ? [Math.round(m / 10) * 10, false] : m < 9950 ? [Math.round(m / 100) / 10, true] : [Math.round(m / 1000), true];
  const n = grouped(v);
  return locale === 'en' ? `${n} ${km ? 'km' : 'm'}` : `${n}${km ? '公里' : '米'}`;
}

/** A number with its thousands grouped by commas, as Intl writes them in both locales: "12,345", "1.2", "1,234.5678". */
export function grouped(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const commas = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? commas : `${commas}.${fraction}`;
}

/** A kilometre mark along a route, without the unit: "0.4", "12.5", "1,234" (the label says km). */
export function formatKm(metres: number, locale: Locale): string {
  const km = Math.max(0, metres) / 1000;
  return numberFormat(locale, { maximumFractionDigits: km < 100 ? 1 : 0 }).format(km);
}

/** A driving time: "45 min", "3 h 20 min" (zh: "45分钟", "3小时20分钟"). */
export function formatDuration(seconds: number, locale: Locale): string {
  const minutes = Math.max(1, Math.round(seconds / 60)), h = Math.floor(minutes / 60), m = minutes % 60;
  const part = (v: number, unit: 'hour' | 'minute') => numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(v);
  return h === 0 ? part(m, 'minute') : m === 0 ? part(h, 'hour') : `${part(h, 'hour')} ${part(m, 'minute')}`;
}

/**
 * Wall-clock time "18:00" in a zone: a 24-hour clock in both languages, as Intl writes it (a unit
 * test holds them equal). Written by hand: the first answer's rows say when each place closes, and
 * the page's first zoned Intl formatter loads ICU's zone and calendar data (data/wall-time.ts).
 */
export function formatTime(at: Date, _locale: Locale, tz = DEFAULT_TZ): string {
  const [h, m] = localTimeParts(at, tz);
  return `${twoDigits(h)}:${twoDigits(m)}`;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * Short weekday name ("周一", "Mon") of a moment in a zone, as Intl writes it (a unit test holds
 * them equal). By hand, as formatTime: a first answer with a row "opens Monday 08:00" (any
 * Saturday) made the page's first zoned formatter, 100 ms on the 4× phone before the list showed.
 */
export function formatWeekday(at: Date, locale: Locale, tz = DEFAULT_TZ): string {
  const [y, m, d] = localDateParts(at, tz);
  return WEEKDAYS[locale][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** Short weekday names, Sunday first (Date's getUTCDay). */
const WEEKDAYS: Record<Locale, readonly string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** Whole days from day a to day b (both YYYY-MM-DD). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/**
 * One line saying whether a place is open and when that changes: "Open · closes at 18:00",
 * "Closed · opens at 08:00", "Open 24 h", "Hours unknown", or the station's status when it is
 * temporarily (until a day, when it has one: "暂停服务至 12月6日") or permanently closed. The tone lets the UI add colour — never colour alone.
 */
export function hoursLabel(
  info: HoursInfo,
  locale: Locale,
  now: Date,
  opts: { tz?: string; status?: string; closedUntil?: string } = {},
): { tone: Tone; text: string } {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(locale, k, p);
  if (opts.status === 'temporarily_closed') {
    if (!opts.closedUntil) return { tone: 'warning', text: t('statusTemporarilyClosed') };
    return { tone: 'warning', text: t('statusTemporarilyClosedUntil', { date: formatMonthDay(opts.closedUntil, locale) }) };
  }
  if (opts.status === 'closed') return { tone: 'warning', text: t('statusClosed') };
  if (info.is24h) return { tone: 'open', text: t('hours24h') };
  if (info.state === 'unknown') return { tone: 'unknown', text: t('hoursUnknown') };
  const head = t(info.state === 'open' ? 'hoursOpen' : 'hoursClosed');
  if (!info.nextChange) return { tone: info.state, text: head };
  return { tone: info.state, text: `${head} · ${changeText(info, locale, now, opts.tz ?? DEFAULT_TZ)}` };
}

function changeText(info: HoursInfo, locale: Locale, now: Date, tz: string): string {
  const at = info.nextChange!;
  const days = daysBetween(localDate(now, tz), localDate(at, tz));
  let time = formatTime(at, locale, tz);
  if (info.state === 'open') {
    // Closing at midnight reads as "24:00" of today, after it as "次日02:00", as the sign on the door says.
    if (days === 1) time = time === '00:00' ? '24:00' : nextDayTime(time, locale);
    return translate(locale, 'hoursClosesAt', { time });
  }
  if (days <= 0) return translate(locale, 'hoursOpensAt', { time });
  const day = days === 1 ? translate(locale, 'tomorrow') : formatWeekday(at, locale, tz);
  return translate(locale, 'hoursOpensOn', { day, time });
}

/** "today", "3 days ago", "2 months ago": how long ago something was verified. */
export function formatAgo(iso: string, now: Date, locale: Locale): string {
  const days = Math.max(0, daysBetween(localDate(new Date(iso)), localDate(now)));
  if (days < 31) return relativePast(days, 'day', locale);
  if (days < 365) return relativePast(Math.round(days / 30), 'month', locale);
  return relativePast(Math.round(days / 365), 'year', locale);
}

export type TimeUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/**
 * `n` (a whole number, 0 or more) units ago, as Intl.RelativeTimeFormat writes it with numeric "auto" ("昨天", "2个月前",
 * "last year"; a unit test holds them equal). Written by hand: a place's detail says when it was
 * verified, and the page's first relative-time formatter loads ICU's data for it (170 ms on the 4×
 * phone, as the sheet opened).
 */
export function relativePast(n: number, unit: TimeUnit, locale: Locale): string {
  const named = (locale === 'en' ? NAMED_EN : NAMED_ZH)[unit][n];
  if (named) return named;
  return locale === 'en' ? `${grouped(n)} ${unit}${n === 1 ? '' : 's'} ago` : `${grouped(n)}${ZH_UNIT[unit]}前`;
}

/** The words numeric "auto" uses instead of a number, by n. */
const NAMED_ZH: Record<TimeUnit, readonly string[]> = { minute: ['此刻'], hour: ['这一时间 / 此时'], day: ['今天', '昨天', '前天'], month: ['本月', '上个月'], year: ['今年', '去年'] };
const NAMED_EN: Record<TimeUnit, readonly string[]> = { minute: ['this minute'], hour: ['this hour'], day: ['today', 'yesterday'], month: ['this month', 'last month'], year: ['this year', 'last year'] };
const ZH_UNIT: Record<TimeUnit, string> = { minute: '分钟', hour: '小时', day: '天', month: '个月', year: '年' };

/**
 * A calendar date ("2025年11月20日", "Nov 20, 2025") from an ISO date or time, as Intl writes it
 * with dateStyle "medium" (a unit test holds them equal). By hand, as the times: a place's detail
 * says when it was verified, and the page's first zoned formatter loads ICU's data (260 ms on the
 * 4× phone, as the sheet opened).
 */
export function formatDate(iso: string, locale: Locale, tz = DEFAULT_TZ): string {
  const [y, m, d] = dayFields(iso, tz);
  return locale === 'en' ? `${MONTHS_EN[m - 1]} ${d}, ${y}` : `${y}年${m}月${d}日`;
}

/** A day without its year ("12月6日", "Dec 6"), as Intl writes month "short" and day "numeric"; of an ISO date or time, as formatDate. */
export function formatMonthDay(iso: string, locale: Locale, tz = DEFAULT_TZ): string {
  const [, m, d] = dayFields(iso, tz);
  return locale === 'en' ? `${MONTHS_EN[m - 1]} ${d}` : `${m}月${d}日`;
}

/** Year, month and day of an ISO date (that day, in any zone) or time (its day in tz); a RangeError for neither. */
function dayFields(iso: string, tz: string): number[] {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? wallFields(iso) : new Date(iso);
  if (at === undefined || (at instanceof Date && Number.isNaN(at.getTime()))) throw new RangeError(`not a date: ${iso}`);
  return at instanceof Date ? localDateParts(at, tz) : at;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The device's clock time, for "data as of 10:42" (by hand, as formatTime; Date reads the device's zone as it is now). */
export function formatClock(at: Date, _locale: Locale): string {
  return `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
}

/** A price in yuan: "¥25", "¥12.5". */
export function formatPrice(yuan: number, locale: Locale): string {
  return numberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(yuan);
}

/** What an offer gives, in the way shops say it: "9折" / "10% off", "会员价 ¥25", "¥10 coupon". */
export function offerValue(o: { kind: string; value?: number }, locale: Locale): string {
  const v = o.value;
  switch (o.kind) {
    case 'percent_off': {
      if (v === undefined || v >= 100) return translate(locale, 'offerFreeItem');
      // Chinese shops say what you pay in tenths: 10% off is 9折, 15% off is 8.5折.
      const shown = locale === 'en' ? v : Math.round(100 - v) / 10;
      return translate(locale, 'offerPercentOff', { value: numberFormat(locale, { maximumFractionDigits: 1 }).format(shown) });
    }
    case 'member_price':
      return v === undefined ? '' : translate(locale, 'offerMemberPrice', { price: formatPrice(v, locale) });
    case 'coupon':
      return v === undefined ? '' : translate(locale, 'offerCoupon', { price: formatPrice(v, locale) });
    default:
      return translate(locale, 'offerFreeItem');
  }
}
