import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EARTH_RADIUS_M,
  cosLower,
  hav,
  havLower,
  havToMetres,
  haversine,
  metresToHav,
} from '../../data/geo/haversine';

const lng = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const position = fc.tuple(lng, lat);

describe('haversine', () => {
  it('matches known distances', () => {
    // Beijing (Tiananmen) – Shanghai (People's Square): about 1,067 km
    expect(haversine(116.4074, 39.9042, 121.4737, 31.2304) / 1000).toBeCloseTo(1067.3, 1);
    // Beijing – Guangzhou: about 1,889 km
    expect(haversine(116.391, 39.907, 113.264, 23.129) / 1000).toBeCloseTo(1888.7, 1);
    // one degree of latitude, a quarter meridian, the antipode
    expect(haversine(0, 0, 0, 1)).toBeCloseTo((Math.PI * EARTH_RADIUS_M) / 180, 6);
    expect(haversine(0, 0, 0, 90)).toBeCloseTo((Math.PI * EARTH_RADIUS_M) / 2, 3);
    expect(haversine(0, 0, 180, 0)).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
    expect(haversine(121.5, 31.2, 121.5, 31.2)).toBe(0);
  });

  it('is symmetric, non-negative and at most half the circumference', () => {
    fc.assert(
      fc.property(position, position, ([a, b], [c, d]) => {
        const x = haversine(a, b, c, d);
        expect(haversine(c, d, a, b)).toBe(x);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_M + 1e-6);
      }),
    );
  });

  it('obeys the triangle inequality', () => {
    // near the antipode asin(√h) is ill-conditioned: rounding there is worth up to ~0.1 m
    fc.assert(
      fc.property(position, position, position, ([a, b], [c, d], [e, f]) => {
        expect(haversine(a, b, e, f)).toBeLessThanOrEqual(haversine(a, b, c, d) + haversine(c, d, e, f) + 1);
      }),
    );
  });

  it('treats longitudes 360° apart as the same meridian', () => {
    fc.assert(
      fc.property(position, position, ([a, b], [c, d]) => {
        expect(haversine(a, b, c + 360, d)).toBeCloseTo(haversine(a, b, c, d), 3);
      }),
    );
  });

  it('converts metres to h and back', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: Math.PI * EARTH_RADIUS_M, noNaN: true }), (m) => {
        expect(havToMetres(metresToHav(m))).toBeCloseTo(m, 3);
      }),
    );
    expect(metresToHav(1e9)).toBe(1); // beyond the antipode: every point is in range
  });
});

describe('pruning bounds', () => {
  it('havLower never exceeds hav', () => {
    const angle = fc.oneof(
      fc.double({ min: -4 * Math.PI, max: 4 * Math.PI, noNaN: true }),
      fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
    );
    fc.assert(fc.property(angle, (t) => havLower(t) <= hav(t)), { numRuns: 2000 });
  });

  it('cosLower never exceeds cos', () => {
    const angle = fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true });
    fc.assert(fc.property(angle, (t) => cosLower(t) <= Math.cos(t)), { numRuns: 2000 });
  });
});
