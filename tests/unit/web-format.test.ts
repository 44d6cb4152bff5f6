// Formatting for people: distances per locale and opening-hours lines in the station's zone.
// vitest runs with TZ=America/New_York, so any use of the device zone would show up here.
import { describe, expect, it } from 'vitest';
import { formatAgo, formatClock, formatDate, formatMonthDay, formatDistance, formatPrice, formatTime, formatWeekday, grouped, hoursLabel, offerValue, relativePast } from '../../web/lib/format';
import { openState } from '../../data/hours';

// 2026-01-07 is a Wednesday. 10:30 in Shanghai = 02:30 UTC (= 21:30 the day before in New York).
const at = (hhmm: string, day = '2026-01-07') => new Date(`${day}T${hhmm}:00+08:00`);

describe('formatDistance', () => {
  it('uses metres below 1 km, rounded to 10 m from 100 m', () => {
    expect(formatDistance(42.4, 'en')).toBe('42 m');
    expect(formatDistance(348, 'en')).toBe('350 m');
    expect(formatDistance(348, 'zh-CN')).toBe('350米');
    expect(formatDistance(994, 'en')).toBe('990 m');
  });
  it('uses km with one decimal below 10 km, whole km above', () => {
    expect(formatDistance(995, 'en')).toBe('1 km');
    expect(formatDistance(1234, 'en')).toBe('1.2 km');
    expect(formatDistance(1234, 'zh-CN')).toBe('1.2公里');
    expect(formatDistance(12_345, 'en')).toBe('12 km');
    expect(formatDistance(12_345, 'zh-CN')).toBe('12公里');
  });
  it('never shows a negative distance', () => {
    expect(formatDistance(-5, 'en')).toBe('0 m');
  });
  it("writes what Intl's short units write, in both locales (it is written by hand to spare the first paint ICU's number data)", () => {
    const intl = (m: number, locale: string) => {
      const [v, unit, digits] = m < 100 ? [Math.round(m), 'meter', 0] : m < 995 ? [Math.round(m / 10) * 10, 'meter', 0]
        : m < 9950 ? [Math.round(m / 100) / 10, 'kilometer', 1] : [Math.round(m / 1000), 'kilometer', 0];
      return new Intl.NumberFormat(locale, { style: 'unit', unit: unit as string, unitDisplay: 'short', maximumFractionDigits: digits as number }).format(v as number);
    };
    const distances = [0, 0.4, 0.5, 1, 49.5, 99.4, 99.5, 100, 104.9, 105, 994.9, 995, 1000, 1049, 1050, 1234, 9949, 9950, 10_000, 123_456, 999_499, 999_500, 1_234_567, 12_345_678];
    for (let m = 1; m < 5e7; m *= 1.37) distances.push(m);
    for (const locale of ['en', 'zh-CN'] as const) for (const m of distances) expect(formatDistance(m, locale), `${m} ${locale}`).toBe(intl(m, locale));
  });
  it('groups thousands as Intl does, in the whole part only', () => {
    const numbers = [0, 7, 999, 1000, 12_345, 1_234_567, 0.5, 1.2, 999.25, 1234.5678, 98_765.4321, 1_000_000.125];
    for (const locale of ['en', 'zh-CN']) {
      const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
      for (const n of numbers) expect(grouped(n), `${n} ${locale}`).toBe(intl.format(n));
    }
  });
});

describe('hoursLabel', () => {
  const now = at('10:30');
  const label = (hours: string | undefined, locale: 'en' | 'zh-CN', when = now) =>
    hoursLabel(openState(hours, when, 'Asia/Shanghai'), locale, when).text;

  it('says when an open place closes, in Shanghai time', () => {
    expect(label('Mo-Fr 08:00-18:00', 'en')).toBe('Open · closes at 18:00');
    expect(label('Mo-Fr 08:00-18:00', 'zh-CN')).toBe('营业中 · 18:00 关门');
    expect(formatTime(now, 'en')).toBe('10:30');
  });
  it('says when a closed place opens: today, tomorrow or on a weekday', () => {
    expect(label('Mo-Fr 08:00-18:00', 'en', at('06:00'))).toBe('Closed · opens at 08:00');
    expect(label('Mo-Fr 08:00-18:00', 'zh-CN', at('06:00'))).toBe('已关门 · 08:00 开门');
    expect(label('Mo-Fr 08:00-18:00', 'en', at('19:00'))).toBe('Closed · opens tomorrow 08:00');
    // Friday evening → Monday
    expect(label('Mo-Fr 08:00-18:00', 'en', at('19:00', '2026-01-09'))).toBe('Closed · opens Mon 08:00');
    expect(label('Mo-Fr 08:00-18:00', 'zh-CN', at('19:00', '2026-01-09'))).toBe('已关门 · 周一 08:00 开门');
  });
  it('reads closing at midnight as 24:00, and after it as the next day', () => {
    expect(label('Mo-Su 06:00-24:00', 'en')).toBe('Open · closes at 24:00');
    expect(label('Mo-Su 17:00-02:00', 'zh-CN', at('23:00'))).toBe('营业中 · 次日02:00 关门');
    expect(label('Mo-Su 17:00-02:00', 'en', at('23:00'))).toBe('Open · closes at 02:00 (next day)');
    // after midnight the close is today's
    expect(label('Mo-Su 17:00-02:00', 'zh-CN', at('01:00'))).toBe('营业中 · 02:00 关门');
  });
  it('says 24 h and hours unknown', () => {
    expect(label('24/7', 'en')).toBe('Open 24 h');
    expect(label('24/7', 'zh-CN')).toBe('24 小时营业');
    expect(label(undefined, 'en')).toBe('Hours unknown');
    expect(label(undefined, 'zh-CN')).toBe('营业时间未知');
  });
  it('puts a temporary closure before the hours', () => {
    const r = hoursLabel({ state: 'open', is24h: true }, 'en', now, { status: 'temporarily_closed' });
    expect(r).toEqual({ tone: 'warning', text: 'Temporarily closed' });
  });
  it('says until when a temporary closure lasts, when it has a last day', () => {
    const until = { status: 'temporarily_closed', closedUntil: '2026-12-06' };
    expect(hoursLabel({ state: 'open', is24h: true }, 'zh-CN', now, until)).toEqual({ tone: 'warning', text: '暂停服务至 12月6日' });
    expect(hoursLabel({ state: 'open', is24h: true }, 'en', now, until).text).toBe('Temporarily closed until Dec 6');
  });
  it('shows the server state without a next change when none is known', () => {
    expect(hoursLabel({ state: 'open', is24h: false }, 'en', now).text).toBe('Open');
    expect(hoursLabel({ state: 'closed', is24h: false }, 'zh-CN', now).text).toBe('已关门');
  });
});

describe('clock times', () => {
  it("write what Intl writes, in both locales, in the station's zone and the device's (they are written by hand to spare the first answer ICU's zone data)", () => {
    const times: Date[] = [];
    for (let t = Date.UTC(2025, 11, 31, 15, 0); t < Date.UTC(2026, 0, 2); t += 7 * 60_000 + 1234) times.push(new Date(t));
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const at of times) {
        for (const tz of ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/London']) {
          expect(formatTime(at, locale, tz), `${at.toISOString()} ${tz}`).toBe(new Intl.DateTimeFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at));
        }
        expect(formatClock(at, locale)).toBe(new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at));
      }
    }
  });
  it('weekday names write what Intl writes, in both locales and in any zone (by hand, as the times)', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      // a fortnight, every 5 h 7 min: each day of the week, and the hours around each zone's midnight
      for (let t = Date.UTC(2026, 0, 1, 0, 0); t < Date.UTC(2026, 0, 15); t += 307 * 60_000) {
        const at = new Date(t);
        for (const tz of ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/London', 'America/New_York', 'UTC']) {
          expect(formatWeekday(at, locale, tz), `${at.toISOString()} ${tz}`).toBe(new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'short' }).format(at));
        }
      }
    }
  });
});

describe('calendar dates', () => {
  it('write what Intl writes with dateStyle medium, in both locales and any zone (by hand, as the times)', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const tz of ['Asia/Shanghai', 'Asia/Urumqi', 'UTC', 'Europe/London', 'America/New_York']) {
        const intl = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: tz });
        // every 2 days 7 hours from 1995 to 2035: each month and weekday, and the hours around midnight
        for (let t = Date.UTC(1995, 0, 1); t < Date.UTC(2035, 0, 1); t += 55 * 3_600_000) {
          const iso = new Date(t).toISOString();
          expect(formatDate(iso, locale, tz), `${iso} ${tz}`).toBe(intl.format(new Date(t)));
        }
      }
      // a bare date is that day, wherever the station is
      for (const tz of ['Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati']) {
        expect(formatDate('2025-11-20', locale, tz)).toBe(locale === 'en' ? 'Nov 20, 2025' : '2025年11月20日');
      }
      // without the year: a temporary closure's last day, on list rows
      const short = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        expect(formatMonthDay(day, locale), day).toBe(short.format(new Date(`${day}T12:00:00Z`)));
      }
    }
    expect(() => formatDate('soon', 'en')).toThrow(RangeError);
    expect(() => formatDate('2025-02-30', 'en')).toThrow(RangeError);
  });
});

describe('how long ago', () => {
  it("writes what Intl's relative time writes with numeric auto, in both locales and every unit (by hand, to spare the detail ICU's data)", () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      for (const unit of ['minute', 'hour', 'day', 'month', 'year'] as const) {
        for (const n of [...Array.from({ length: 400 }, (_, k) => k), 999, 1000, 1234, 123_456]) {
          expect(relativePast(n, unit, locale), `${locale} ${n} ${unit}`).toBe(rtf.format(-n, unit));
        }
      }
    }
  });
  it('says how long ago a day was in days, then months, then years', () => {
    const rtf = (locale: 'en' | 'zh-CN', n: number, unit: Intl.RelativeTimeFormatUnit) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-n, unit);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (let days = 0; days < 1200; days += 7) {
        const iso = new Date(Date.parse('2026-01-07T10:00:00+08:00') - days * 86_400_000).toISOString();
        const want = days < 31 ? rtf(locale, days, 'day') : days < 365 ? rtf(locale, Math.round(days / 30), 'month') : rtf(locale, Math.round(days / 365), 'year');
        expect(formatAgo(iso, at('10:30'), locale), `${locale} ${days}`).toBe(want);
      }
    }
  });
});

describe('dates, prices and offers', () => {
  it('says how long ago something was verified', () => {
    expect(formatAgo('2026-01-04T10:00:00+08:00', at('10:30'), 'en')).toBe('3 days ago');
    expect(formatAgo('2026-01-06T10:00:00+08:00', at('10:30'), 'zh-CN')).toBe('昨天');
  });
  it('formats prices in yuan and offers the way shops say them', () => {
    expect(formatPrice(25, 'zh-CN')).toBe('¥25');
    expect(offerValue({ kind: 'percent_off', value: 10 }, 'zh-CN')).toBe('9折');
    expect(offerValue({ kind: 'percent_off', value: 15 }, 'zh-CN')).toBe('8.5折');
    expect(offerValue({ kind: 'percent_off', value: 15 }, 'en')).toBe('15% off');
    expect(offerValue({ kind: 'member_price', value: 25 }, 'en')).toBe('Member price ¥25');
    expect(offerValue({ kind: 'coupon', value: 10 }, 'zh-CN')).toBe('¥10 优惠券');
    expect(offerValue({ kind: 'free_item' }, 'en')).toBe('Free item');
  });
});
