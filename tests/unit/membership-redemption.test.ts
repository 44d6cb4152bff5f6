import { describe, expect, it } from 'vitest';
import { breaksLimit, redeemPeriod } from '../../data/membership/redemption';

// 2026-11-23 is a Monday; 16:00Z is already Tuesday 00:00 in Shanghai
const at = (iso: string) => new Date(iso);

describe('redeemPeriod (Asia/Shanghai, whatever the process zone)', () => {
  it('day: the Shanghai calendar day', () => {
    expect(redeemPeriod('day', at('2026-11-23T15:59:59Z'))).toBe('day:2026-11-23');
    expect(redeemPeriod('day', at('2026-11-23T16:00:00Z'))).toBe('day:2026-11-24');
  });
  it('week: Monday to Sunday, named by its Monday', () => {
    expect(redeemPeriod('week', at('2026-11-22T15:59:59Z'))).toBe('week:2026-11-16'); // Sunday night
    expect(redeemPeriod('week', at('2026-11-22T16:00:00Z'))).toBe('week:2026-11-23'); // Monday 00:00
    expect(redeemPeriod('week', at('2026-11-29T15:00:00Z'))).toBe('week:2026-11-23'); // Sunday 23:00
    expect(redeemPeriod('week', at('2027-01-01T04:00:00Z'))).toBe('week:2026-12-28'); // across the year
  });
  it('ever and no limit', () => {
    expect(redeemPeriod('ever', at('2026-01-01T00:00:00Z'))).toBe('ever');
    expect(redeemPeriod(undefined, at('2026-01-01T00:00:00Z'))).toBe('none');
  });
});

describe('breaksLimit', () => {
  const first = at('2026-11-23T02:00:00Z');
  it('a second use the same day breaks a daily limit, the next day does not', () => {
    expect(breaksLimit('day', at('2026-11-23T15:00:00Z'), [first])).toBe(true);
    expect(breaksLimit('day', at('2026-11-23T16:30:00Z'), [first])).toBe(false);
    expect(breaksLimit('week', at('2026-11-29T15:00:00Z'), [first])).toBe(true);
    expect(breaksLimit('week', at('2026-11-30T01:00:00Z'), [first])).toBe(false);
    expect(breaksLimit('ever', at('2030-01-01T00:00:00Z'), [first])).toBe(true);
    expect(breaksLimit(undefined, first, [first])).toBe(false);
    expect(breaksLimit('ever', first, [])).toBe(false);
  });
});
