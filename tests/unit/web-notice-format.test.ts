// Notice dates in plain words, from a fixed "now" (Monday 2026-11-23 10:00 in Shanghai).
import { describe, expect, it } from 'vitest';
import { noticeWhen } from '../../web/lib/notice-format';

const now = new Date('2026-11-23T02:00:00Z');

describe('noticeWhen', () => {
  it('this Saturday with a time range, today, tomorrow, next week, a date range', () => {
    expect(noticeWhen({ starts: '2026-11-28T09:00', ends: '2026-11-28T12:00' }, now, 'en')).toBe('this Saturday 09:00–12:00');
    expect(noticeWhen({ starts: '2026-11-28T09:00', ends: '2026-11-28T12:00' }, now, 'zh-CN')).toBe('本周六 09:00–12:00');
    expect(noticeWhen({ starts: '2026-11-23T14:00' }, now, 'en')).toBe('from today 14:00');
    expect(noticeWhen({ ends: '2026-11-24' }, now, 'zh-CN')).toBe('截至明天');
    // Sunday 29th seen from Saturday 28th is tomorrow; Monday 30th seen from Wednesday 25th is "next Monday"
    expect(noticeWhen({ starts: '2026-11-30T09:00' }, new Date('2026-11-25T02:00:00Z'), 'en')).toBe('from next Monday 09:00');
    expect(noticeWhen({ starts: '2026-12-01', ends: '2026-12-15' }, now, 'en')).toBe('Dec 1 – Dec 15');
    expect(noticeWhen({}, now, 'en')).toBe('');
  });

  it('reads days in the station zone, not the device zone', () => {
    // 2026-11-23T17:00Z is already Tuesday in Shanghai: Saturday is still "this Saturday"
    expect(noticeWhen({ starts: '2026-11-24T09:00' }, new Date('2026-11-23T17:00:00Z'), 'en')).toBe('from today 09:00');
  });
});
