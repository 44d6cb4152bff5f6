// Wall clocks of a zone: China's two zones and UTC are arithmetic since 1992 (the first answer's rows need no
// ICU zone data), and must read exactly what Intl reads, instant by instant; other zones and earlier
// instants (Shanghai kept daylight saving until 1991) still go through Intl.
import { describe, expect, it } from 'vitest';
import { instantOf, localDate, localDateParts, localTimeParts, wallClock, zonedDay } from '../../data/wall-time';

const formats = new Map<string, Intl.DateTimeFormat>();
function intlParts(at: Date, tz: string): number[] {
  const f = formats.get(tz) ?? formats.set(tz, new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })).get(tz)!;
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(at)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return [p.year, p.month, p.day, p.hour, p.minute, p.second];
}

/** Instants from 1986 to 2100: a pseudo-random walk plus each zone's days' edges and half-hours. */
function instants(): Date[] {
  const out: Date[] = [];
  let seed = 7;
  const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let k = 0; k < 3000; k++) out.push(new Date(Date.UTC(1986, 0, 1) + next() * (Date.UTC(2100, 0, 1) - Date.UTC(1986, 0, 1))));
  for (const day of ['1991-09-14', '1991-12-31', '1992-01-01', '2026-01-07', '2026-12-31', '2028-02-29']) {
    for (let m = -60; m <= 24 * 60 + 60; m += 29) out.push(new Date(Date.parse(`${day}T00:00:00Z`) + m * 60_000 - 1));
  }
  return out;
}

describe('wall clocks of a zone', () => {
  const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata'];
  it('read the day, hour, minute and second Intl reads, in the fixed zones and the others, before 1992 and after', () => {
    for (const tz of zones) {
      for (const at of instants()) {
        const intl = intlParts(at, tz);
        expect(wallClock(at, tz), `${at.toISOString()} ${tz}`).toEqual(intl);
        expect([...localDateParts(at, tz), ...localTimeParts(at, tz)]).toEqual(intl.slice(0, 5));
      }
    }
  });
  it('find the instants of a day and of a wall time in China', () => {
    expect(zonedDay(new Date('2026-12-03T20:00:00Z'))).toEqual(['2026-12-03T16:00:00.000Z', '2026-12-04T16:00:00.000Z']);
    expect(localDate(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
    expect(localDate(new Date('2026-12-03T15:59:59.999Z'))).toBe('2026-12-03');
    expect(new Date(instantOf(Date.UTC(2026, 11, 5, 9, 0), 'Asia/Urumqi')).toISOString()).toBe('2026-12-05T03:00:00.000Z');
    // 1988: Shanghai kept summer time (UTC+9); Intl knows it
    expect(new Date(instantOf(Date.UTC(1988, 6, 1, 12, 0), 'Asia/Shanghai')).toISOString()).toBe('1988-07-01T03:00:00.000Z');
  });
});
