/**
 * The business app's one date formatter: never a numeric day/month pattern that reads both ways.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatWall } from '../../web/business/lib/format';

describe('business dates', () => {
  it('writes calendar dates as written, in words', () => {
    expect(formatDate('2026-05-09', 'zh-CN')).toBe('2026年5月9日');
    expect(formatDate('2026-05-09', 'en')).toBe('9 May 2026');
  });

  it('writes instants in China time, whatever the device zone', () => {
    expect(formatDateTime('2026-05-09T16:05:00Z', 'zh-CN')).toBe('2026年5月10日 00:05');
    expect(formatDateTime('2026-05-09T06:05:00Z', 'en')).toBe('9 May 2026, 14:05');
    expect(formatDate('2026-05-09T16:05:00Z', 'en')).toBe('10 May 2026');
  });

  it('writes a station’s wall times as written, and leaves what is not a date alone', () => {
    expect(formatWall('2026-12-05T09:30', 'zh-CN')).toBe('2026年12月5日 09:30');
    expect(formatWall('2026-12-05', 'en')).toBe('5 Dec 2026');
    expect(formatDate('soon', 'en')).toBe('soon');
  });
});
