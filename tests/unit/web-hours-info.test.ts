// The list's open/closed line: the server's verdict and next change are used as sent; the opening
// hours are evaluated on the phone only for a record without the server's verdict.
import { describe, expect, it } from 'vitest';
import * as hours from '../../data/hours';
import { hoursInfo, needsHours } from '../../web/lib/hours-info';

/** data/hours, counting its evaluations. */
function counted() {
  const mod = { ...hours, calls: 0 };
  mod.openState = (...a: Parameters<typeof hours.openState>) => (mod.calls++, hours.openState(...a));
  return mod;
}
const NOW = new Date('2026-12-02T03:00:00Z'); // 11:00 on a Wednesday in Shanghai

describe('hoursInfo', () => {
  it('takes the server’s state and next change as they are, without evaluating the hours', () => {
    const mod = counted();
    const info = hoursInfo({ openNow: true, is24h: false, nextChange: '2026-12-02T10:00:00Z', opening_hours: 'Mo-Su 08:00-18:00' }, mod, NOW);
    expect(info).toEqual({ state: 'open', is24h: false, nextChange: new Date('2026-12-02T10:00:00Z') });
    expect(hoursInfo({ openNow: true, is24h: true, opening_hours: '24/7' }, mod, NOW)).toEqual({ state: 'open', is24h: true, nextChange: undefined });
    // out of service: closed, whatever its hours
    expect(hoursInfo({ openNow: false, is24h: false, opening_hours: '24/7', status: 'temporarily_closed' }, mod, NOW)).toEqual({ state: 'closed', is24h: false });
    expect(hoursInfo({ opening_hours: 'Mo-Su 08:00-18:00', status: 'closed' }, mod, NOW)).toEqual({ state: 'closed', is24h: false });
    expect(mod.calls).toBe(0);
  });

  it('takes the server’s word that there is no next change, without evaluating the hours', () => {
    // 24 h, hours it cannot read, or no change within the week it looks ahead: the same code here says the same
    const mod = counted();
    expect(hoursInfo({ openNow: true, opening_hours: 'Mo-Su 08:00-18:00' }, mod, NOW)).toEqual({ state: 'open', is24h: false, nextChange: undefined });
    expect(hoursInfo({ openNow: null, opening_hours: 'Mo-Fr 08:00-18:00 "by appointment"' }, mod, NOW)).toEqual({ state: 'unknown', is24h: false, nextChange: undefined });
    expect(mod.calls).toBe(0);
  });

  it('evaluates a record without the server’s verdict, and says unknown without the hours module', () => {
    const rec = { opening_hours: 'Mo-Su 08:00-18:00' };
    expect(hoursInfo(rec, counted(), NOW)).toMatchObject({ state: 'open', nextChange: new Date('2026-12-02T10:00:00Z') });
    // a merchant's status is its listing's, not the place's
    expect(hoursInfo({ ...rec, status: 'approved' }, counted(), NOW)).toMatchObject({ state: 'open' });
    expect(hoursInfo(rec, null, NOW)).toEqual({ state: 'unknown', is24h: false });
    expect(hoursInfo({ openNow: null, opening_hours: 'Mo-Su 08:00-18:00' }, null, NOW)).toEqual({ state: 'unknown', is24h: false, nextChange: undefined });
  });

  it('needs the hours module only where the server gave no verdict', () => {
    const oh = 'Mo-Su 08:00-18:00';
    expect(needsHours({ openNow: true, nextChange: '2026-12-02T10:00:00Z', opening_hours: oh })).toBe(false);
    expect(needsHours({ openNow: true, is24h: true, opening_hours: '24/7' })).toBe(false);
    expect(needsHours({ openNow: false, opening_hours: '24/7', status: 'temporarily_closed' })).toBe(false);
    expect(needsHours({ openNow: null })).toBe(false);
    // hours the server could not read, or no change within the week it looks ahead: the same code here says the same
    expect(needsHours({ openNow: null, opening_hours: 'Mo-Fr 08:00-18:00 "by appointment"' })).toBe(false);
    expect(needsHours({ openNow: false, opening_hours: 'Mo-Fr 08:00-18:00; Dec off' })).toBe(false);
    expect(needsHours({ opening_hours: oh })).toBe(true);
  });
});
