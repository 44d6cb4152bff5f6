import { describe, expect, it } from 'vitest';
import { Random } from '../../data/demo/random';
import { dayText, intervalText } from '../../data/hours-text';
import {
  createOpenNowCache,
  fromZonedLocal,
  hoursWarnings,
  is24h,
  openState,
  todayHours,
  toZonedLocal,
  validateHours,
  weekSchedule,
} from '../../data/hours';

/** The instant at which Shanghai's wall clock shows this time (UTC+8, no DST). */
const sh = (wall: string) => new Date(`${wall}+08:00`);

describe('time zones', () => {
  it('runs under a process time zone other than Shanghai', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(new Date('2026-11-23T01:30:00Z').getHours()).toBe(20); // 20:30 the day before in New York
  });

  it('reads the wall clock in the station time zone, not the process one', () => {
    const local = toZonedLocal(new Date('2026-11-23T01:30:00Z'), 'Asia/Shanghai');
    expect([local.getDate(), local.getHours(), local.getMinutes(), local.getDay()]).toEqual([23, 9, 30, 1]);
    expect(fromZonedLocal(local, 'Asia/Shanghai').toISOString()).toBe('2026-11-23T01:30:00.000Z');
  });

  it('evaluates 2026-11-23T01:30Z as Monday 09:30 in Shanghai', () => {
    const at = new Date('2026-11-23T01:30:00Z');
    expect(openState('Mo-Fr 08:00-18:00', at).state).toBe('open'); // New York: Sunday 20:30
    expect(openState('Mo-Fr 09:00-09:20', at).state).toBe('closed');
    expect(openState('Su 20:00-21:00', at).state).toBe('closed');
    expect(openState('Su 20:00-21:00', at, 'America/New_York').state).toBe('open');
  });

  it('round-trips wall clocks in a zone with DST', () => {
    for (const iso of ['2026-07-01T12:34:56.789Z', '2026-01-15T03:00:00Z', '2026-03-29T00:59:00Z']) {
      const at = new Date(iso);
      expect(fromZonedLocal(toZonedLocal(at, 'Europe/Berlin'), 'Europe/Berlin').getTime()).toBe(at.getTime());
    }
  });
});

describe('openState', () => {
  it('handles overnight ranges', () => {
    const h = '20:00-06:00';
    expect(openState(h, sh('2026-11-23T23:00')).state).toBe('open');
    expect(openState(h, sh('2026-11-24T03:00')).state).toBe('open');
    expect(openState(h, sh('2026-11-24T12:00')).state).toBe('closed');
  });

  it('handles weekdays and days off', () => {
    const h = 'Mo-Fr 08:00-18:00; Sa,Su off';
    expect(openState(h, sh('2026-11-27T17:59')).state).toBe('open'); // Friday
    expect(openState(h, sh('2026-11-27T18:00')).state).toBe('closed');
    expect(openState(h, sh('2026-11-28T10:00')).state).toBe('closed'); // Saturday
    expect(openState('Mo-Sa 09:00-17:00; Su off', sh('2026-11-29T10:00')).state).toBe('closed');
    expect(openState('Mo-Sa 09:00-17:00; Su off', sh('2026-11-28T10:00')).state).toBe('open');
  });

  it('handles split days', () => {
    const h = 'Mo-Fr 08:00-12:00,14:00-18:00';
    expect(openState(h, sh('2026-11-23T09:00')).state).toBe('open');
    expect(openState(h, sh('2026-11-23T13:00')).state).toBe('closed');
    expect(openState(h, sh('2026-11-23T15:00')).state).toBe('open');
  });

  it('gives the next change as a real instant', () => {
    const h = 'Mo-Fr 08:00-12:00,14:00-18:00';
    expect(openState(h, sh('2026-11-23T09:00')).nextChange).toEqual(sh('2026-11-23T12:00'));
    expect(openState(h, sh('2026-11-23T13:00')).nextChange).toEqual(sh('2026-11-23T14:00'));
    expect(openState(h, sh('2026-11-27T19:00')).nextChange).toEqual(sh('2026-11-30T08:00')); // Fri → Mon
    expect(openState('20:00-06:00', sh('2026-11-23T23:00')).nextChange).toEqual(sh('2026-11-24T06:00'));
  });

  it('recognises 24/7', () => {
    const r = openState('24/7', sh('2026-11-23T03:00'));
    expect(r).toEqual({ state: 'open', is24h: true });
    expect(is24h('24/7')).toBe(true);
    expect(is24h('Mo-Su 00:00-24:00')).toBe(true);
    expect(is24h('00:00-24:00')).toBe(true);
    expect(is24h('Mo-Fr 00:00-24:00')).toBe(false);
    expect(is24h('20:00-06:00')).toBe(false);
    expect(is24h(undefined)).toBe(false);
    expect(is24h('')).toBe(false);
  });

  it('tells 24 h as the parser does for hours it answers without parsing (weekdays and ranges within a day)', () => {
    // rules of weekdays and clock ranges: within a day (answered without the parser), ending at 24:00,
    // running past midnight, or days off; the parser's verdict (openState) is the reference
    const rnd = new Random(24);
    const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
    const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const days = () => rnd.pick(['', 'Mo-Su ', 'Mo-Fr ', 'Sa-Su ', 'Mo,We,Fr ', 'Mo-Fr,Su ', `${rnd.pick(DAYS)} `, `${rnd.pick(DAYS)}-${rnd.pick(DAYS)} `]);
    const range = () => {
      const a = rnd.chance(0.3) ? 0 : rnd.int(0, 1439), b = rnd.chance(0.3) ? 1440 : rnd.chance(0.1) ? 1439 : rnd.int(0, 1439);
      return `${clock(a)}-${clock(b)}`;
    };
    const rule = () => (rnd.chance(0.15) ? `${days() || 'Su '}off` : `${days()}${range()}${rnd.chance(0.3) ? `,${range()}` : ''}`);
    const at = sh('2026-11-23T10:00');
    const strings = ['Mo-Su 00:00-24:00', 'Mo-Fr 00:00-24:00; Sa-Su 00:00-24:00', 'Mo-Su 00:00-12:00,12:00-24:00', 'Mo-Su 00:00-23:59', 'Mo-Su 12:00-12:00'];
    for (let k = 0; k < 300; k++) strings.push(Array.from({ length: rnd.int(1, 3) }, rule).join('; '));
    let open24 = 0;
    for (const s of strings) {
      const want = openState(s, at).is24h;
      expect(is24h(s, at), s).toBe(want);
      if (want) open24++;
    }
    expect(open24).toBeGreaterThanOrEqual(3); // the reference does find 24 h among them
  });

  it('says unknown, not closed, when hours are absent or unknown', () => {
    const at = sh('2026-11-23T10:00');
    expect(openState(undefined, at)).toEqual({ state: 'unknown', is24h: false });
    expect(openState('', at).state).toBe('unknown');
    expect(openState('  ', at).state).toBe('unknown');
    expect(openState('unknown "call"', at).state).toBe('unknown');
    expect(openState('24/7 "call us first"', at).state).toBe('unknown');
    expect(openState('not hours at all', at).state).toBe('unknown');
  });

  it("closes on China's public holidays with PH off", () => {
    expect(openState('Mo-Su 08:00-18:00; PH off', sh('2026-10-01T10:00')).state).toBe('closed');
    expect(openState('Mo-Su 08:00-18:00; PH off', sh('2026-10-12T10:00')).state).toBe('open');
  });
});

describe('validateHours', () => {
  it('accepts valid strings', () => {
    for (const h of ['24/7', 'Mo-Fr 08:00-18:00; Sa,Su off', '20:00-06:00', 'Mo-Fr 08:00-12:00,14:00-18:00', 'off', 'PH off']) {
      expect(validateHours(h)).toBeNull();
    }
  });

  it('rejects invalid strings with a reason', () => {
    for (const h of ['foo', 'Mo-Fr 25:00-26:00', 'Mo-Fr 18:00-', '周一至周五 8:00-18:00', '']) {
      const reason = validateHours(h);
      expect(reason, h).toBeTypeOf('string');
      expect(reason!.length).toBeGreaterThan(5);
    }
    expect(validateHours('foo')).toMatch(/opening_hours/);
  });

  it('accepts what the library corrects, with warnings', () => {
    expect(validateHours('Mo-Fr 8-18 Uhr')).toBeNull();
    expect(hoursWarnings('Mo-Fr 8-18 Uhr').length).toBeGreaterThan(0);
    expect(hoursWarnings('Mo-Fr 08:00-18:00')).toEqual([]);
    expect(hoursWarnings('foo')).toEqual([]);
  });
});

describe('weekSchedule', () => {
  it('lists seven days from today in Shanghai with HH:MM intervals', () => {
    const week = weekSchedule('Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00', new Date('2026-11-22T17:00:00Z'));
    expect(week).toHaveLength(7);
    expect(week[0]).toEqual({
      date: '2026-11-23', weekday: 1, closed: false, unknown: false,
      intervals: [['08:00', '12:00'], ['14:00', '18:00']],
    });
    expect(week[5]).toMatchObject({ date: '2026-11-28', weekday: 6, intervals: [['09:00', '12:00']], closed: false });
    expect(week[6]).toMatchObject({ date: '2026-11-29', weekday: 0, intervals: [], closed: true });
  });

  it('keeps a night that runs past midnight whole, on the day it starts (end past 24:00)', () => {
    const week = weekSchedule('Mo-Sa 17:00-02:00', sh('2026-11-23T12:00')); // a Monday
    expect(week.slice(0, 6).map((d) => d.intervals)).toEqual(Array(6).fill([['17:00', '26:00']]));
    // Sunday has no opening of its own: Saturday's night ends at 02:00 on it
    expect(week[6]).toMatchObject({ weekday: 0, intervals: [], closed: true });
    expect(todayHours('Mo-Su 18:00-08:30', sh('2026-11-23T12:00')).intervals).toEqual([['18:00', '32:30']]);
    expect(todayHours('Mo-Su 08:00-24:00', sh('2026-11-23T12:00')).intervals).toEqual([['08:00', '24:00']]);
  });

  it('lists the night before on the first day only while it lasts', () => {
    expect(todayHours('20:00-06:00', sh('2026-11-23T03:00')).intervals).toEqual([['00:00', '06:00'], ['20:00', '30:00']]);
    expect(todayHours('20:00-06:00', sh('2026-11-23T12:00')).intervals).toEqual([['20:00', '30:00']]);
    expect(weekSchedule('20:00-06:00', sh('2026-11-23T03:00'))[1].intervals).toEqual([['20:00', '30:00']]);
  });

  it('marks 24 h days, and days an opening runs through, as 00:00–24:00', () => {
    expect(todayHours('24/7', sh('2026-11-23T12:00')).intervals).toEqual([['00:00', '24:00']]);
    expect(weekSchedule('24/7', sh('2026-11-23T12:00')).every((d) => d.intervals.length === 1 && d.intervals[0].join() === '00:00,24:00')).toBe(true);
    // open from Monday 08:00 through Wednesday 18:00
    const run = weekSchedule('Mo 08:00-24:00; Tu 00:00-24:00; We 00:00-18:00', sh('2026-11-23T12:00'));
    expect(run.slice(0, 3).map((d) => d.intervals)).toEqual([[['08:00', '24:00']], [['00:00', '24:00']], [['00:00', '18:00']]]);
  });

  it('marks absent and unknown hours as unknown', () => {
    expect(todayHours(undefined, sh('2026-11-23T12:00'))).toMatchObject({ unknown: true, closed: false, intervals: [] });
    expect(todayHours('unknown "call"', sh('2026-11-23T12:00'))).toMatchObject({ unknown: true, comment: 'call' });
  });
});

describe('createOpenNowCache', () => {
  it('agrees with openState', () => {
    const openNow = createOpenNowCache();
    const hours = ['24/7', '20:00-06:00', 'Mo-Fr 08:00-18:00; Sa,Su off', 'unknown "call"', 'bad', undefined];
    for (let h = 0; h < 48; h++) {
      const at = new Date(Date.UTC(2026, 10, 23, h, 17));
      for (const s of hours) expect(openNow(s, at), `${s} ${at.toISOString()}`).toBe(openState(s, at).state === 'open');
    }
  });

  it('stays correct with a tiny cache', () => {
    const openNow = createOpenNowCache('Asia/Shanghai', { maxEntries: 2 });
    const at = sh('2026-11-23T09:00');
    const hours = ['Mo 08:00-10:00', 'Mo 10:00-12:00', 'Mo 07:00-09:30', '24/7'];
    for (let i = 0; i < 3; i++) expect(hours.map((s) => openNow(s, at))).toEqual([true, false, true, true]);
  });
});

describe('hours in words', () => {
  it('writes a night past midnight as one opening ending the next day', () => {
    expect(intervalText(['17:00', '26:00'], 'zh-CN')).toBe('17:00–次日02:00');
    expect(intervalText(['17:00', '26:00'], 'en')).toBe('17:00–02:00 (next day)');
    expect(intervalText(['18:00', '32:30'], 'zh-CN')).toBe('18:00–次日08:30');
    expect(intervalText(['08:00', '24:00'], 'zh-CN')).toBe('08:00–24:00');
    expect(intervalText(['00:00', '06:00'], 'en')).toBe('00:00–06:00');
  });

  it('joins a day’s openings', () => {
    expect(dayText([['08:00', '12:00'], ['14:00', '18:00']], 'zh-CN')).toBe('08:00–12:00，14:00–18:00');
    expect(dayText([['00:00', '02:00'], ['17:00', '26:00']], 'en')).toBe('00:00–02:00, 17:00–02:00 (next day)');
    expect(dayText(weekSchedule('Mo-Su 17:00-02:00', sh('2026-11-23T12:00'))[3].intervals, 'zh-CN')).toBe('17:00–次日02:00');
  });
});
