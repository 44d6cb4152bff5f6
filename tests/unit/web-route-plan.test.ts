import { describe, expect, it } from 'vitest';
import { CORRIDOR_LIMITS } from '../../data/corridor-listing';
import { haversine } from '../../data/geo/haversine';
import { simplifyLine } from '../../data/geo/simplify';
import { corridorQuery, fitLine } from '../../web/lib/route-plan';
import { NO_FILTERS } from '../../web/lib/prefs';

/** A GPS-like track: a point every ~3 m with ~10 m of jitter and full float precision. */
function track(n: number): [number, number][] {
  return Array.from({ length: n }, (_, k) => [118.7 + k * 3e-5 + Math.sin(k) * 1e-5, 32 + Math.sin(k / 500) * 0.01 + Math.cos(k * 7) * 1e-4]);
}

describe('fitLine', () => {
  it('keeps a short line as it is, at 6 decimals', () => {
    const line: [number, number][] = [[118.123456789, 32.987654321], [118.5, 32.5], [119.000000049, 33]];
    expect(fitLine(line)).toEqual([[118.123457, 32.987654], [118.5, 32.5], [119, 33]]);
  });

  it('brings a dense 60,000-point track within the corridor limit, ends kept, close to the original', () => {
    const line = track(60_000);
    expect(simplifyLine(line, 5).length).toBeGreaterThan(CORRIDOR_LIMITS.points); // so the tolerance has to grow
    const out = fitLine(line);
    expect(out.length).toBeLessThanOrEqual(CORRIDOR_LIMITS.points);
    expect(out.length).toBeGreaterThan(10);
    expect(out[0]).toEqual([Number(line[0][0].toFixed(6)), Number(line[0][1].toFixed(6))]);
    expect(haversine(...out[out.length - 1], ...line[line.length - 1])).toBeLessThan(0.1);
    for (const p of out) expect(p.every((v) => Math.abs(v * 1e6 - Math.round(v * 1e6)) < 1e-6)).toBe(true);
  });
});

describe('corridorQuery', () => {
  const route = { name: 'r', line: [[118, 32], [119, 33]] as [number, number][] };
  it('asks for stations only unless member offers are on, with the list filters', () => {
    expect(corridorQuery(route, 2000, NO_FILTERS)).toMatchObject({ width: 2000, kinds: ['stations'], open: undefined, limit: CORRIDOR_LIMITS.items });
    const q = corridorQuery(route, 5000, { ...NO_FILTERS, merchants: true, only24h: true, amenities: ['shower'], types: ['driver_home'] });
    expect(q).toMatchObject({ kinds: ['stations', 'merchants'], open: '24h', amenities: ['shower'], types: ['driver_home'] });
    expect(corridorQuery(route, 5000, { ...NO_FILTERS, openNow: true, only24h: true }).open).toBe('now');
  });
});
