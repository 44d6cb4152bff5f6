// The data-age words: "刚刚" for fresh data, and a date (Shanghai calendar) once the data is not from today.
import { describe, expect, it } from 'vitest';
import { formatAge, formatAsOf } from '../../web/lib/offline-format';

const NOW = Date.parse('2026-12-03T08:30:00Z'); // 16:30 in Shanghai

describe('formatAge', () => {
  it('says 刚刚 / just now under a minute, then minutes, hours, days', () => {
    expect(formatAge(NOW - 20_000, NOW, 'zh-CN')).toBe('刚刚');
    expect(formatAge(NOW - 20_000, NOW, 'en')).toBe('just now');
    expect(formatAge(NOW - 5 * 60_000, NOW, 'zh-CN')).toBe('5分钟前');
    expect(formatAge(NOW - 10 * 86_400_000, NOW, 'zh-CN')).toBe('10天前');
  });
  it("writes what Intl's relative time writes, in both locales (it is written by hand to spare the status line ICU's data)", () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      for (let minutes = 1; minutes < 5e6; minutes = Math.ceil(minutes * 1.07)) {
        const intl = minutes < 60 ? rtf.format(-minutes, 'minute') : minutes < 2880 ? rtf.format(-Math.floor(minutes / 60), 'hour') : rtf.format(-Math.floor(minutes / 1440), 'day');
        expect(formatAge(NOW - minutes * 60_000 - 30_000, NOW, locale), `${minutes} ${locale}`).toBe(intl);
      }
    }
  });
});

describe('formatAsOf', () => {
  it('gives the time alone today, in Shanghai time whatever the device zone', () => {
    expect(formatAsOf(Date.parse('2026-12-03T00:33:00Z'), NOW, 'zh-CN')).toBe('08:33');
  });
  it('adds the date before today, and the year before this year', () => {
    expect(formatAsOf(Date.parse('2026-11-23T08:33:00Z'), NOW, 'zh-CN')).toBe('11月23日 16:33');
    expect(formatAsOf(Date.parse('2026-11-23T08:33:00Z'), NOW, 'en')).toBe('Nov 23 16:33');
    expect(formatAsOf(Date.parse('2025-11-23T08:33:00Z'), NOW, 'zh-CN')).toBe('2025年11月23日 16:33');
    // 23:30 on 2 Dec UTC is already 3 Dec in Shanghai: today
    expect(formatAsOf(Date.parse('2026-12-02T23:30:00Z'), NOW, 'zh-CN')).toBe('07:30');
  });
});
