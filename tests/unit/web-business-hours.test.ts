// The business app's opening-hours editor: weeks → OSM text that the server's validator (data/hours,
// the opening_hours library) accepts and that means the same hours; simple OSM text → the editor and back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openState, validateHours } from '../../data/hours';
import {
  DAYS, copyDay, emptyWeek, endsNextDay, fromOsm, hoursState, hoursText, normTime, toOsm, weekIssues, type DayHours, type WeekHours,
} from '../../web/business/lib/hours-editor';

const open = (...spans: [string, string][]): DayHours => ({ mode: 'open', spans: spans.map(([o, c]) => ({ open: o, close: c })) });
const closed: DayHours = { mode: 'closed', spans: [] };
const allDay: DayHours = { mode: '24h', spans: [] };
const week = (...days: DayHours[]): WeekHours => ({ mode: 'weekly', days });

describe('toOsm', () => {
  it('writes nothing for unknown hours and 24/7 for always', () => {
    expect(toOsm(emptyWeek('unset'))).toBe('');
    expect(toOsm(emptyWeek('always'))).toBe('24/7');
    expect(toOsm(week(allDay, allDay, allDay, allDay, allDay, allDay, allDay))).toBe('24/7');
  });

  it('groups days with the same hours into ranges and lists; closed days are left out', () => {
    const wd = open(['08:00', '20:00']);
    expect(toOsm(week(wd, wd, wd, wd, wd, open(['09:00', '18:00']), closed))).toBe('Mo-Fr 08:00-20:00; Sa 09:00-18:00');
    expect(toOsm(week(wd, closed, wd, closed, wd, closed, closed))).toBe('Mo,We,Fr 08:00-20:00');
    expect(toOsm(week(wd, wd, wd, closed, wd, wd, closed))).toBe('Mo-We,Fr-Sa 08:00-20:00');
    expect(toOsm(week(closed, closed, closed, closed, closed, closed, closed))).toBe('off');
  });

  it('writes breaks in time order, midnight closes as 24:00, 24 h days as 00:00-24:00', () => {
    const lunch = open(['14:00', '18:00'], ['08:00', '12:00']);
    expect(toOsm(week(lunch, lunch, lunch, lunch, lunch, closed, closed))).toBe('Mo-Fr 08:00-12:00,14:00-18:00');
    const late = open(['18:00', '00:00']);
    expect(toOsm(week(late, closed, closed, closed, closed, closed, allDay))).toBe('Mo 18:00-24:00; Su 00:00-24:00');
    expect(toOsm(week(open(['18:00', '02:00']), closed, closed, closed, closed, closed, closed))).toBe('Mo 18:00-02:00');
  });

  it('joins rules with "," when a night spills into a day with hours of its own (";" would drop the spill)', () => {
    const night = open(['22:00', '02:00']);
    expect(toOsm(week(night, open(['08:00', '12:00']), closed, closed, closed, closed, closed))).toBe('Mo 22:00-02:00, Tu 08:00-12:00');
    expect(toOsm(week(night, night, closed, closed, closed, closed, closed))).toBe('Mo-Tu 22:00-02:00');
    expect(fromOsm('Mo 22:00-02:00, Tu 08:00-12:00')!.days[1].spans).toEqual([{ open: '08:00', close: '12:00' }]);
  });
});

describe('fromOsm', () => {
  it('reads the strings the editor writes, and common hand-written ones', () => {
    expect(fromOsm('')).toEqual(emptyWeek('unset'));
    expect(fromOsm('24/7')!.mode).toBe('always');
    const w = fromOsm('Mo-Fr 08:00-20:00; Sa 09:00-18:00')!;
    expect(w.mode).toBe('weekly');
    expect(w.days.map((d) => d.mode)).toEqual(['open', 'open', 'open', 'open', 'open', 'open', 'closed']);
    expect(w.days[5].spans).toEqual([{ open: '09:00', close: '18:00' }]);
    expect(fromOsm('08:00-18:00')!.days.every((d) => d.mode === 'open')).toBe(true); // no days: every day
    expect(fromOsm('Mo-Su 00:00-24:00')!.days.every((d) => d.mode === '24h')).toBe(true);
    expect(fromOsm('Mo-Fr 8:00 - 12:00, 14:00-18:00;')!.days[0].spans).toEqual([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }]);
    expect(fromOsm('Mo-Su 08:00-20:00; Su off')!.days[6].mode).toBe('closed'); // later rules win, as in OSM
    expect(fromOsm('Fr-Mo 10:00-22:00')!.days.map((d) => d.mode)).toEqual(['open', 'closed', 'closed', 'closed', 'open', 'open', 'open']);
    expect(fromOsm('Mo 18:00-24:00')!.days[0].spans).toEqual([{ open: '18:00', close: '00:00' }]);
    // "," adds to a day's hours; ";" replaces them
    expect(fromOsm('Mo-Fr 08:00-12:00, We 14:00-18:00')!.days[2].spans).toEqual([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }]);
    expect(fromOsm('Mo-Fr 08:00-12:00; We 14:00-18:00')!.days[2].spans).toEqual([{ open: '14:00', close: '18:00' }]);
    expect(fromOsm('Mo,We,Fr 08:00-12:00')!.days.map((d) => d.mode)).toEqual(['open', 'closed', 'open', 'closed', 'open', 'closed', 'closed']);
  });

  it('answers null for what the editor cannot show (kept as raw text)', () => {
    for (const s of ['PH off', 'Mo-Fr 08:00-18:00; PH off', 'Jan-Mar Mo-Fr 08:00-18:00', 'sunrise-sunset', 'Mo-Fr 08:00-18:00 "ask"',
      'Mo 25:00-26:00', 'Mo 08:00-08:00', 'Xx 08:00-12:00', 'Mo-Fr 08:00+', 'Mo-Fr 24:00-02:00']) {
      expect(fromOsm(s), s).toBeNull();
    }
    expect(hoursState('PH off')).toEqual({ kind: 'raw', text: 'PH off' });
    expect(hoursText({ kind: 'raw', text: '  PH off ' })).toBe('PH off');
  });
});

const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
/** Days as the editor lets people make them: periods in order that do not overlap. */
const day: fc.Arbitrary<DayHours> = fc.oneof(
  fc.constant(closed),
  fc.constant(allDay),
  fc.uniqueArray(time, { minLength: 2, maxLength: 6 }).map((ts) => {
    const sorted = [...ts].sort();
    const spans = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) spans.push({ open: sorted[i], close: sorted[i + 1] });
    return { mode: 'open' as const, spans };
  }),
  // a period past midnight (a night shop: 18:00–02:00)
  fc.tuple(time, time).filter(([a, b]) => b < a && b !== '00:00').map(([a, b]) => open([a, b])),
);
const weeks = fc.array(day, { minLength: 7, maxLength: 7 }).map((days): WeekHours => ({ mode: 'weekly', days }));

describe('round trip (property)', () => {
  it('every week the editor can hold writes OSM that reads back to the same text and passes the server’s check', () => {
    fc.assert(
      fc.property(weeks, (w) => {
        expect(weekIssues(w)).toEqual([]);
        const text = toOsm(w);
        const back = fromOsm(text);
        expect(back).not.toBeNull();
        expect(toOsm(back!)).toBe(text);
        expect(validateHours(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
/** The oracle: is the week, as the editor shows it, open on day `d` (Monday 0) at minute `m`? */
function modelOpen(w: WeekHours, d: number, m: number): boolean {
  const today = w.days[d];
  const yesterday = w.days[(d + 6) % 7];
  if (today.mode === '24h') return true;
  if (today.mode === 'open' && today.spans.some((s) => {
    const a = mins(s.open);
    const b = s.close === '00:00' || mins(s.close) <= a ? 24 * 60 : mins(s.close);
    return m >= a && m < b;
  })) return true;
  // a period past midnight reaches into today
  return yesterday.mode === 'open' && yesterday.spans.some((s) => s.close !== '00:00' && mins(s.close) < mins(s.open) && m < mins(s.close));
}

describe('meaning (oracle)', () => {
  it('the OSM text is open exactly when the editor’s week says so, every 15 minutes of a week in Shanghai', () => {
    const monday = Date.UTC(2026, 10, 23, -8); // Monday 2026-11-23 00:00 in Asia/Shanghai
    fc.assert(
      fc.property(weeks, (w) => {
        const text = toOsm(w);
        for (let d = 0; d < 7; d++) {
          for (let m = 0; m < 24 * 60; m += 15) {
            const got = openState(text, new Date(monday + (d * 24 * 60 + m) * 60_000)).state;
            if (got !== (modelOpen(w, d, m) ? 'open' : 'closed')) expect({ text, d, m, got }).toBeNull();
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('hand-written strings read into the editor mean what the library says they mean', () => {
    const monday = Date.UTC(2026, 10, 23, -8);
    for (const text of ['Mo-Fr 08:00-12:00, We 14:00-18:00', 'Mo-Fr 08:00-12:00; We 14:00-18:00', 'Mo-Su 08:00-20:00; Su off', 'Fr-Mo 10:00-22:00',
      'Mo 22:00-02:00, Tu 08:00-12:00', 'Mo,We,Fr 08:00-12:00', '08:00-18:00', 'Mo-Sa 07:30-11:30,13:30-21:00']) {
      const w = fromOsm(text)!;
      for (let d = 0; d < 7; d++) {
        for (let m = 0; m < 24 * 60; m += 30) {
          const got = openState(text, new Date(monday + (d * 24 * 60 + m) * 60_000)).state;
          if (got !== (modelOpen(w, d, m) ? 'open' : 'closed')) expect({ text, d, m, got }).toBeNull();
        }
      }
    }
  });
});

describe('checks and helpers', () => {
  it('names empty, equal and overlapping periods', () => {
    const w = week(open(['', '12:00']), open(['08:00', '08:00']), open(['08:00', '12:00'], ['11:00', '14:00']), closed, closed, closed, closed);
    expect(weekIssues(w)).toEqual([
      { day: 0, span: 0, issue: 'missing' },
      { day: 1, span: 0, issue: 'same' },
      { day: 2, span: 1, issue: 'overlap' },
    ]);
    expect(weekIssues(week(open(['18:00', '02:00']), closed, closed, closed, closed, closed, closed))).toEqual([]);
    expect(weekIssues(emptyWeek('always'))).toEqual([]);
  });

  it('copies Monday to other days, pads times, knows next-day closes', () => {
    const w = copyDay(week(open(['07:00', '19:00']), closed, closed, closed, closed, closed, closed), 0, [1, 2, 3, 4]);
    expect(toOsm(w)).toBe('Mo-Fr 07:00-19:00');
    w.days[1].spans[0].open = '06:00';
    expect(w.days[0].spans[0].open).toBe('07:00'); // a copy, not the same object
    expect(normTime('8:05')).toBe('08:05');
    expect(normTime('24:00')).toBe('24:00');
    expect(normTime('24:30')).toBeUndefined();
    expect(endsNextDay({ open: '18:00', close: '02:00' })).toBe(true);
    expect(endsNextDay({ open: '18:00', close: '00:00' })).toBe(false);
    expect(DAYS).toHaveLength(7);
  });
});
