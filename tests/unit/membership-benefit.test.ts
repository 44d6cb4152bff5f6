import { describe, expect, it } from 'vitest';
import { benefitApplies, benefitBody, dayIn } from '../../data/membership/benefit';

const SUMMER = { title: '夏送清凉', validFrom: '2026-07-01', validTo: '2026-07-31' };
const rider = { occupation: 'food_delivery' as const, region: '江苏省 南京市' };

describe('benefitApplies', () => {
  it('inside its dates only (both ends included)', () => {
    expect(benefitApplies(SUMMER, rider, '2026-06-30')).toBe(false);
    expect(benefitApplies(SUMMER, rider, '2026-07-01')).toBe(true);
    expect(benefitApplies(SUMMER, rider, '2026-07-31')).toBe(true);
    expect(benefitApplies(SUMMER, rider, '2026-08-01')).toBe(false);
  });
  it('to an occupation and a region when it says so', () => {
    expect(benefitApplies({ ...SUMMER, occupation: 'courier' }, rider, '2026-07-02')).toBe(false);
    expect(benefitApplies({ ...SUMMER, occupation: 'food_delivery' }, rider, '2026-07-02')).toBe(true);
    expect(benefitApplies({ ...SUMMER, region: '江苏省' }, rider, '2026-07-02')).toBe(true);
    expect(benefitApplies({ ...SUMMER, region: '江苏省 南京市' }, rider, '2026-07-02')).toBe(true);
    expect(benefitApplies({ ...SUMMER, region: '浙江省' }, rider, '2026-07-02')).toBe(false);
  });
  it('validates the admin body', () => {
    expect(benefitBody.safeParse({ ...SUMMER, validTo: '2026-06-01' }).success).toBe(false);
    expect(benefitBody.safeParse({ ...SUMMER, occupation: 'astronaut' }).success).toBe(false);
    expect(benefitBody.safeParse(SUMMER).success).toBe(true);
  });
  it('days are Shanghai days', () => {
    expect(dayIn(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });
});
